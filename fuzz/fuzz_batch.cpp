// NDJSON batch requests, as a pipeline hands them to `geoparse --batch` and `extract --batch`: the bytes are stdin,
// any number of lines of anything. First byte: "g" answers as geoparse, "x" as extract. The loop
// (cli::run_text_batch) promises an answer line for each request and never to throw; the answers go to /dev/null.

#include "cli/commands/batch_answers.hpp"
#include "cli/commands/text_requests.hpp"
#include "fuzz/fuzz_input.hpp"
#include "fuzz/text_stages.hpp"

#include <iostream>
#include <sstream>

using namespace incidentmap;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fuzz::text_stages();
    if (!std::freopen("/dev/null", "w", stdout)) std::abort();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [variant, bytes] = fuzz::choose(data, size, "gx");
    std::istringstream requests{std::string(bytes)};
    std::streambuf* const stdin_buffer = std::cin.rdbuf(requests.rdbuf());
    const auto& s = fuzz::text_stages();
    // A small limit, so that the over-long request path is reached too.
    const std::size_t max_bytes = 2048;
    int code = 0;
    if (variant == 0) {
        code = cli::run_text_batch("", "", max_bytes, [&](const cli::TextRequest& request, nlohmann::json&) {
            cli::answer_places(s.parser, {}, request);
        });
    } else {
        code = cli::run_text_batch("", "2022-01-06", max_bytes, [&](const cli::TextRequest& request, nlohmann::json& answer) {
            cli::answer_incidents(s.extractor, request, answer);
        });
    }
    std::cin.rdbuf(stdin_buffer);
    std::cin.clear();
    if (code != 0) std::abort();  // only a failed write of stdout may end a batch, and /dev/null takes everything
    return 0;
}

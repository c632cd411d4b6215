#pragma once
// What the text commands (geoparse, extract) share: reading a text from a file or stdin, making it valid UTF-8,
// the language and publication-date options, and the NDJSON batch loop of ../shared/eval/geoeval.py's protocol.
//
// Batch guarantees: one answer line per non-blank request line, in order, flushed at the end; a line that is not a
// JSON object, or has no "text" string, or fails in the handler gets {"id": ..., "error": "..."} and the batch
// goes on. Invalid UTF-8 in a request is replaced by U+FFFD, and a "published" that is not YYYY-MM-DD is left out;
// both are reported in the answer's "warning".

#include <nlohmann/json.hpp>

namespace CLI {
class App;
}

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace incidentmap::cli {

// The most one text or one batch request may hold by default (--max-bytes): far more than any report, and a bound
// on what one input can make the process hold.
inline constexpr std::size_t kDefaultMaxBytes = 64u << 20;

// The text of `input` (a file, or "-" for stdin), made valid UTF-8: each invalid byte becomes U+FFFD, and how many
// were replaced is said on stderr, naming the input. Throws InputError naming the file when it cannot be read, is
// a directory, or holds more than `max_bytes` (read no further than that: /dev/zero is an error, not a hang).
std::string read_text_input(const std::string& input, std::size_t max_bytes = kDefaultMaxBytes);
// `given` ("fr", "en", "ru") when not empty (InputError otherwise), else detected from the text (English when
// nothing can be told).
std::string language_of(const std::string& given, std::string_view text);
// The --published option: nullopt when empty; InputError unless YYYY-MM-DD and a real day.
std::optional<std::chrono::year_month_day> published_option(const std::string& value);

struct TextRequest {
    std::string text;
    // Members the handler has already written as JSON text (`"mentions":[...]`), which the loop adds to the answer
    // object as they are: an answer of millions of mentions is then never a tree of millions of objects in memory.
    mutable std::string raw_members;
    std::string lang;  // "fr", "en" or "ru": the request's, the command's, or detected
    std::optional<std::chrono::year_month_day> published;
    const nlohmann::json* json = nullptr;  // the whole request, for handler-specific fields
};

// Reads NDJSON requests from stdin and writes one answer line each to stdout. `answer` fills the answer object
// (the loop sets "id", "lang" and any "warning"). A request line longer than `max_bytes` is answered with an error
// line naming the limit (and not held in memory); the requests after it go on. Returns the exit code.
int run_text_batch(const std::string& default_lang, const std::string& default_published, std::size_t max_bytes,
                   const std::function<void(const TextRequest&, nlohmann::json& answer)>& answer);

// Adds --max-bytes to a command.
void add_max_bytes_option(CLI::App& app, std::size_t& max_bytes);

// JSON text with invalid UTF-8 replaced rather than thrown on.
std::string dump_json(const nlohmann::json& j, int indent = -1);

}  // namespace incidentmap::cli

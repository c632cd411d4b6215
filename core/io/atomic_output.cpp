#include "core/io/atomic_output.hpp"

#include "core/error.hpp"

#include <unistd.h>

namespace incidentmap::core::io {

AtomicOutput::AtomicOutput(std::filesystem::path final_path) : final_(std::move(final_path)) {
    const std::string name = final_.filename().string();
    const std::string tmp = "." + name + ".tmp-" + std::to_string(::getpid()) + final_.extension().string();
    temp_ = final_.parent_path() / tmp;
}

AtomicOutput::~AtomicOutput() {
    if (committed_) return;
    std::error_code ec;
    std::filesystem::remove(temp_, ec);  // best effort: nothing useful to do if it fails
}

void AtomicOutput::commit() {
    std::error_code ec;
    std::filesystem::rename(temp_, final_, ec);
    if (ec) throw Error(final_.string() + ": cannot move the finished output into place: " + ec.message());
    committed_ = true;
}

}  // namespace incidentmap::core::io

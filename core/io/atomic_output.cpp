#include "core/io/atomic_output.hpp"

#include "core/error.hpp"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <string>

namespace incidentmap::core::io {

namespace {

// The temporary files being written, for the signal handler: a fixed table of C strings, read without locks
// (the handler calls only unlink(), signal() and raise(), which are async-signal-safe, then the handler before it).
constexpr std::size_t kSlots = 64;
std::array<std::atomic<const char*>, kSlots> g_live{};

// What SIGINT and SIGTERM did before: called after the files are removed, so that a program's own handler (a test
// framework's, a viewer's) still runs, and the default still ends the process as the signal says.
struct sigaction g_previous_int {}, g_previous_term {};

void remove_live_then_previous(int sig, siginfo_t* info, void* context) {
    for (auto& slot : g_live)
        if (const char* p = slot.load(std::memory_order_acquire)) ::unlink(p);
    const struct sigaction& before = sig == SIGINT ? g_previous_int : g_previous_term;
    if (before.sa_flags & SA_SIGINFO) {
        before.sa_sigaction(sig, info, context);
    } else if (before.sa_handler == SIG_IGN) {
        return;
    } else if (before.sa_handler == SIG_DFL) {
        ::signal(sig, SIG_DFL);
        ::raise(sig);
    } else {
        before.sa_handler(sig);
    }
}

// Puts the handler in front of whatever SIGINT and SIGTERM do now, unless it is there already. Cheap (two
// sigaction calls a signal): done for each output, so that a handler set since (by the program, or reset in a
// child process) is chained too.
void install_handlers() {
    for (const int sig : {SIGINT, SIGTERM}) {
        struct sigaction now {};
        if (::sigaction(sig, nullptr, &now) != 0) continue;
        if ((now.sa_flags & SA_SIGINFO) && now.sa_sigaction == remove_live_then_previous) continue;
        (sig == SIGINT ? g_previous_int : g_previous_term) = now;
        struct sigaction sa {};
        sa.sa_sigaction = remove_live_then_previous;
        sa.sa_flags = SA_SIGINFO;
        sigemptyset(&sa.sa_mask);
        ::sigaction(sig, &sa, nullptr);
    }
}

std::size_t track(const std::string& path) {
    for (std::size_t i = 0; i < kSlots; ++i) {
        const char* none = nullptr;
        if (g_live[i].compare_exchange_strong(none, path.c_str(), std::memory_order_acq_rel)) return i;
    }
    return kSlots;  // table full: this file is cleaned only by its destructor and by the next run's sweep
}

void untrack(std::size_t slot) {
    if (slot < kSlots) g_live[slot].store(nullptr, std::memory_order_release);
}

// A SIGKILL leaves its temporary file behind: ".NAME.tmp-PID.EXT" beside the output, whose process is gone. Those
// of `final` are removed; a live process's file (another writer of the same output) is not touched.
void sweep_orphans(const std::filesystem::path& final) {
    std::string prefix = ".";  // built in steps: GCC 12 warns falsely (-Wrestrict) on the one-line concatenation
    prefix += final.filename().string();
    prefix += ".tmp-";
    const std::filesystem::path dir = final.parent_path().empty() ? std::filesystem::path(".") : final.parent_path();
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(prefix)) continue;
        std::size_t digits = 0;
        while (prefix.size() + digits < name.size() && std::isdigit(static_cast<unsigned char>(name[prefix.size() + digits]))) ++digits;
        if (digits == 0 || digits > 9) continue;
        const pid_t pid = static_cast<pid_t>(std::stol(name.substr(prefix.size(), digits)));
        if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
        std::error_code rm;
        std::filesystem::remove(it->path(), rm);
    }
}

}  // namespace

std::string name_outputs(std::string message) {
    static constexpr std::string_view kMark = ".tmp-";
    for (std::size_t mark = message.find(kMark); mark != std::string::npos; mark = message.find(kMark, mark + 1)) {
        // Back to the dot that starts the base name: just after a '/', a space, a quote or the start.
        std::size_t dot = mark;
        while (dot > 0 && message[dot - 1] != '/' && message[dot - 1] != ' ' && message[dot - 1] != '\'' && message[dot - 1] != '"') --dot;
        std::size_t end = mark + kMark.size();
        const std::size_t digits = end;
        while (end < message.size() && std::isdigit(static_cast<unsigned char>(message[end]))) ++end;
        if (message[dot] != '.' || end == digits || dot + 1 >= mark) continue;
        const std::string name = message.substr(dot + 1, mark - dot - 1);
        // The extension the temporary repeats, when the output has one.
        const std::string ext = std::filesystem::path(name).extension().string();
        if (!ext.empty() && message.compare(end, ext.size(), ext) == 0) end += ext.size();
        message.replace(dot, end - dot, name);
        mark = dot;
    }
    return message;
}

AtomicOutput::AtomicOutput(std::filesystem::path final_path) : final_(std::move(final_path)) {
    // Where the output cannot go at all is the user's path, said before any work (exit 2, as bad usage is).
    const std::filesystem::path dir = final_.parent_path().empty() ? std::filesystem::path(".") : final_.parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw InputError(final_.string(), std::filesystem::exists(dir, ec) ? "its directory " + dir.string() + " is not a directory"
                                                                         : "the directory " + dir.string() + " does not exist");
    if (std::filesystem::is_directory(final_, ec)) throw InputError(final_.string(), "is a directory, not a file to write");
    const std::string name = final_.filename().string();
    const std::string tmp = "." + name + ".tmp-" + std::to_string(::getpid()) + final_.extension().string();
    temp_ = final_.parent_path() / tmp;
    sweep_orphans(final_);
    install_handlers();
    temp_text_ = temp_.string();
    slot_ = track(temp_text_);
}

AtomicOutput::~AtomicOutput() {
    untrack(slot_);
    if (committed_) return;
    std::error_code ec;
    std::filesystem::remove(temp_, ec);  // best effort: nothing useful to do if it fails
}

void AtomicOutput::commit() {
    std::error_code ec;
    std::filesystem::rename(temp_, final_, ec);
    if (ec) throw Error(final_.string() + ": cannot move the finished output into place: " + ec.message());
    committed_ = true;
    untrack(slot_);
    slot_ = SIZE_MAX;
}

}  // namespace incidentmap::core::io

#pragma once
// Writes an output file so that readers see either the old file or the complete new one, never a partial one.
//
// Usage: write to temp_path(), then commit(). commit() renames the temporary file over the final path (atomic on
// POSIX within one file system). If commit() is never reached (an exception, a failed write), the destructor
// removes the temporary file and the existing output stays intact.
// The temporary file sits beside the final one and keeps its extension ("map.png" -> ".map.png.tmp-PID.png"),
// so that format detection by extension (GDAL) still works on it.
// SIGINT and SIGTERM remove the temporary files being written, then do what they did before (by default, end the
// process as the signal says); one a SIGKILL left behind is removed by the next AtomicOutput for the same path, once
// its process is gone.

#include <cstddef>
#include <filesystem>
#include <string>

namespace incidentmap::core::io {

class AtomicOutput {
public:
    // Throws InputError naming the path when its directory does not exist or the path is a directory.
    explicit AtomicOutput(std::filesystem::path final_path);
    ~AtomicOutput();
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;

    const std::filesystem::path& temp_path() const { return temp_; }
    const std::filesystem::path& final_path() const { return final_; }

    // Moves the temporary file into place; throws core::Error naming the file if the rename fails.
    void commit();

private:
    std::filesystem::path final_;
    std::filesystem::path temp_;
    std::string temp_text_;                  // temp_ as the signal handler reads it
    std::size_t slot_ = static_cast<std::size_t>(-1);  // its entry in the signal handler's table
    bool committed_ = false;
};

// `message` with each temporary file name of an AtomicOutput (".map.png.tmp-4242.png") replaced by its output's name
// ("map.png"): the user asked for the output, and the temporary is gone by the time the message is read.
std::string name_outputs(std::string message);

}  // namespace incidentmap::core::io

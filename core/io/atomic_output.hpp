#pragma once
// Writes an output file so that readers see either the old file or the complete new one, never a partial one.
//
// Usage: write to temp_path(), then commit(). commit() renames the temporary file over the final path (atomic on
// POSIX within one file system). If commit() is never reached (an exception, a failed write), the destructor
// removes the temporary file and the existing output stays intact.
// The temporary file sits beside the final one and keeps its extension ("map.png" -> ".map.png.tmp-PID.png"),
// so that format detection by extension (GDAL) still works on it.

#include <filesystem>

namespace incidentmap::core::io {

class AtomicOutput {
public:
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
    bool committed_ = false;
};

}  // namespace incidentmap::core::io

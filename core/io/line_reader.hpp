#pragma once
// Reads a text file line by line, plain or zstd-compressed (detected from the file's magic number, not its name),
// in constant memory whatever the file's size.
//
// Guarantees: lines come without their "\n" (and without a "\r" before it); line numbers start at 1; the view
// returned by next() stays valid until the following call. A missing or unreadable file throws InputError naming
// it; a corrupt zstd stream throws InputError naming the file and the line reached. No UTF-8 validation is done.

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::core::io {

class LineReader {
public:
    explicit LineReader(const std::filesystem::path& path);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    // The next line, or nullopt at the end of the file.
    std::optional<std::string_view> next();
    std::size_t line_number() const { return line_number_; }
    const std::filesystem::path& path() const { return path_; }
    // Bytes of the underlying file consumed so far (compressed bytes for zstd), for progress reports.
    std::uint64_t bytes_read() const { return bytes_read_; }
    std::uint64_t file_size() const { return file_size_; }

private:
    bool refill();  // appends decoded bytes to buffer_; false at end of input

    struct Decoder;
    std::filesystem::path path_;
    std::FILE* file_ = nullptr;
    std::unique_ptr<Decoder> zstd_;  // null for plain files
    std::vector<char> raw_;          // bytes read from the file
    std::vector<char> decoded_;      // zstd output, reused across refills
    std::string buffer_;             // decoded text not yet returned
    std::size_t pos_ = 0;            // start of the next line in buffer_
    std::string line_;               // the last line of a file without a final newline
    std::size_t line_number_ = 0;
    std::uint64_t bytes_read_ = 0;
    std::uint64_t file_size_ = 0;
    bool eof_ = false;
};

}  // namespace incidentmap::core::io

#pragma once
// A whole file mapped read-only into memory. The mapping lives as long as the object; moving it keeps the
// addresses valid. An empty file maps to an empty span. Open failures throw InputError naming the file.

#include <cstddef>
#include <filesystem>
#include <span>

namespace incidentmap::core::io {

class MappedFile {
public:
    explicit MappedFile(const std::filesystem::path& path);
    ~MappedFile();
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::span<const std::byte> bytes() const { return {static_cast<const std::byte*>(data_), size_}; }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
    void* data_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace incidentmap::core::io

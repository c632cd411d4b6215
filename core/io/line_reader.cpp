#include "core/io/line_reader.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <cstring>

#include <zstd.h>

namespace incidentmap::core::io {

struct LineReader::Decoder {
    ZSTD_DCtx* ctx = ZSTD_createDCtx();
    ZSTD_inBuffer in{nullptr, 0, 0};
    bool output_full = false;  // the last call filled the output: it may hold more without new input
    bool frame_done = true;    // the last call ended a frame (ZSTD_decompressStream returned 0)
    ~Decoder() { ZSTD_freeDCtx(ctx); }
};

namespace {
constexpr std::size_t kChunk = 1 << 20;
}

LineReader::LineReader(const std::filesystem::path& path) : path_(path), raw_(kChunk) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw InputError(path.string(), "is a directory, not a file");
    file_ = std::fopen(path.c_str(), "rb");
    if (!file_) throw InputError(path.string(), std::string("cannot open: ") + std::strerror(errno));
    file_size_ = std::filesystem::file_size(path, ec);
    unsigned char magic[4] = {};
    const std::size_t n = std::fread(magic, 1, 4, file_);
    std::rewind(file_);
    if (n == 4 && magic[0] == 0x28 && magic[1] == 0xB5 && magic[2] == 0x2F && magic[3] == 0xFD) {
        zstd_ = std::make_unique<Decoder>();
        if (!zstd_->ctx) throw Error("zstd: cannot create a decompression context");
        decoded_.resize(ZSTD_DStreamOutSize());
    }
}

LineReader::~LineReader() {
    if (file_) std::fclose(file_);
}

bool LineReader::refill() {
    if (eof_) return false;
    if (!zstd_) {
        const std::size_t n = std::fread(raw_.data(), 1, raw_.size(), file_);
        bytes_read_ += n;
        if (n == 0) {
            if (std::ferror(file_)) throw InputError(path_.string(), "read error", "line " + std::to_string(line_number_ + 1));
            eof_ = true;
            return false;
        }
        buffer_.append(raw_.data(), n);
        return true;
    }
    Decoder& d = *zstd_;
    for (;;) {
        if (d.in.pos == d.in.size && !d.output_full) {
            const std::size_t n = std::fread(raw_.data(), 1, raw_.size(), file_);
            bytes_read_ += n;
            if (n == 0) {
                if (std::ferror(file_)) throw InputError(path_.string(), "read error", "line " + std::to_string(line_number_ + 1));
                eof_ = true;
                // A stream cut short (a download that stopped) ends inside a frame: an error, not a shorter dump.
                if (!d.frame_done)
                    throw InputError(path_.string(), "truncated zstd stream: the file ends inside a compressed frame",
                                     "line " + std::to_string(line_number_ + 1));
                return false;
            }
            d.in = ZSTD_inBuffer{raw_.data(), n, 0};
        }
        ZSTD_outBuffer o{decoded_.data(), decoded_.size(), 0};
        const std::size_t r = ZSTD_decompressStream(d.ctx, &o, &d.in);
        if (ZSTD_isError(r))
            throw InputError(path_.string(), std::string("corrupt zstd data: ") + ZSTD_getErrorName(r),
                             "line " + std::to_string(line_number_ + 1));
        d.output_full = o.pos == o.size;
        d.frame_done = r == 0;
        if (o.pos > 0) {
            buffer_.append(decoded_.data(), o.pos);
            return true;
        }
    }
}

std::optional<std::string_view> LineReader::next() {
    for (;;) {
        const std::size_t nl = buffer_.find('\n', pos_);
        if (nl != std::string::npos) {
            std::size_t end = nl;
            if (end > pos_ && buffer_[end - 1] == '\r') --end;
            // A view into buffer_, which changes only on the next call: no copy per line.
            const std::string_view line(buffer_.data() + pos_, end - pos_);
            pos_ = nl + 1;
            ++line_number_;
            return line;
        }
        // Keep only the unfinished line, then read more.
        buffer_.erase(0, pos_);
        pos_ = 0;
        if (!refill()) {
            if (buffer_.empty()) return std::nullopt;
            line_.swap(buffer_);
            buffer_.clear();
            if (!line_.empty() && line_.back() == '\r') line_.pop_back();
            ++line_number_;
            return std::string_view(line_);
        }
    }
}

}  // namespace incidentmap::core::io

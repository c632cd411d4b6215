// sniff_kind, read_text and read_source (rules: sources/readers.hpp); read_html is in html.cpp, read_feed in feed.cpp.
#include "sources/readers.hpp"

#include "sources/detail/boilerplate.hpp"

#include "core/error.hpp"
#include "core/language.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <system_error>

namespace incidentmap::sources {

namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (lower(s[i]) != prefix[i]) return false;
    return true;
}

std::string lower_name_at(std::string_view s) {
    std::string name;
    for (const char c : s) {
        if (is_space(c) || c == '>' || c == '/' || c == '[') break;
        name += lower(c);
    }
    return name;
}

std::optional<SourceKind> kind_from_content(std::string_view s) {
    s = s.substr(0, kSniffBytes);
    if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
    while (true) {
        while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
        std::size_t end = std::string_view::npos;
        if (s.substr(0, 2) == "<?") end = s.find("?>"), end = end == std::string_view::npos ? end : end + 2;
        else if (s.substr(0, 4) == "<!--") end = s.find("-->"), end = end == std::string_view::npos ? end : end + 3;
        else break;
        if (end == std::string_view::npos) return std::nullopt;
        s.remove_prefix(end);
    }
    if (starts_with_ci(s, "<!doctype")) {
        std::string_view rest = s.substr(9);
        while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
        const std::string name = lower_name_at(rest);
        if (name == "html") return SourceKind::html;
        if (name == "rss" || name == "rdf:rdf") return SourceKind::feed;
        // Another doctype (an XML one before a feed's root): look at the root element after it.
        const std::size_t close = s.find('>');
        if (close == std::string_view::npos || s.substr(0, close).find('[') != std::string_view::npos) return std::nullopt;
        return kind_from_content(s.substr(close + 1));
    }
    if (s.size() < 2 || s.front() != '<') return std::nullopt;
    const std::string name = lower_name_at(s.substr(1));
    if (name == "rss" || name == "rdf:rdf") return SourceKind::feed;
    if (name == "feed") {
        const std::string_view tag = s.substr(0, s.find('>'));
        if (tag.find("http://www.w3.org/2005/Atom") != std::string_view::npos) return SourceKind::feed;
        return std::nullopt;
    }
    if (name == "html" || name == "head" || name == "body") return SourceKind::html;
    return std::nullopt;
}

}  // namespace

SourceKind sniff_kind(std::string_view bytes, const std::filesystem::path& path) {
    if (const auto k = kind_from_content(bytes)) return *k;
    std::string ext = path.extension().string();
    for (char& c : ext) c = lower(c);
    if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return SourceKind::html;
    if (ext == ".rss" || ext == ".atom" || ext == ".xml") return SourceKind::feed;
    return SourceKind::text;
}

Article read_text(std::string_view bytes, const std::string& location) {
    std::string s(bytes);
    core::make_valid_utf8(s);
    if (s.compare(0, 3, "\xEF\xBB\xBF") == 0) s.erase(0, 3);
    // Paragraphs: runs of non-blank lines, kept as written ("\r\n" and "\r" read as "\n").
    std::vector<std::string> paragraphs;
    std::string current;
    auto flush = [&] {
        if (!current.empty()) paragraphs.push_back(std::move(current));
        current.clear();
    };
    std::string unix;
    unix.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\r') unix += s[i];
        else if (i + 1 >= s.size() || s[i + 1] != '\n') unix += '\n';
    }
    std::size_t at = 0;
    while (at < unix.size()) {
        const std::size_t eol = std::min(unix.find('\n', at), unix.size());
        const std::string_view line = std::string_view(unix).substr(at, eol - at);
        bool blank = true;
        for (const char c : line) blank = blank && is_space(c);
        if (blank) {
            flush();
        } else {
            if (!current.empty()) current += '\n';
            current += line;
        }
        at = eol + 1;
    }
    flush();

    std::string all;
    for (const auto& p : paragraphs) (all += p) += '\n';
    const auto detected = core::detect_language(all);
    const std::vector<std::string_view> views(paragraphs.begin(), paragraphs.end());
    const auto kept = detail::trim_boilerplate(views, detected ? core::to_string(*detected) : std::string_view());

    Article a;
    a.location = location;
    core::make_valid_utf8(a.location);
    for (std::size_t i = kept.first; i < kept.last; ++i) {
        if (!a.text.empty()) a.text += "\n\n";
        a.text += paragraphs[i];
    }
    return a;
}

SourceRead read_source(const std::filesystem::path& path, std::size_t max_bytes) {
    const std::string name = path.string();
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) throw core::InputError(name, "no such file");
    if (std::filesystem::is_directory(status)) throw core::InputError(name, "a directory, not a file");
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw core::InputError(name, "cannot be read: " + ec.message());
    auto too_large = [&](std::uintmax_t n) {
        return core::InputError(name, "larger than the limit of " + std::to_string(max_bytes) + " bytes (" + std::to_string(n) + " bytes)");
    };
    if (size > max_bytes) throw too_large(size);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw core::InputError(name, "cannot be read");
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (in.bad()) throw core::InputError(name, "cannot be read");
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    if (in && in.peek() != std::char_traits<char>::eof()) throw too_large(size + 1);  // it grew while being read

    SourceRead read;
    switch (sniff_kind(bytes, path)) {
        case SourceKind::text: read.articles.push_back(read_text(bytes, name)); break;
        case SourceKind::feed: read = read_feed(bytes, name); break;
        case SourceKind::html:
            try {
                read.articles.push_back(read_html(bytes, name));
            } catch (const core::InputError& e) {
                read.problems.push_back({name, "", e.detail()});
            }
            break;
    }
    return read;
}

}  // namespace incidentmap::sources

#include "extract/lexicon_file.hpp"

#include "core/assets.hpp"
#include "core/error.hpp"


namespace incidentmap::extract {

void LexiconFile::fail(const LexiconEntry& entry, std::string_view what) const {
    throw core::InputError(name, std::string(what), std::to_string(entry.line));
}

LexiconFile parse_lexicon_text(std::string_view text, std::string name) {
    LexiconFile file{std::move(name), {}};
    std::size_t line_number = 0;
    while (!text.empty()) {
        const std::size_t eol = text.find('\n');
        std::string_view line = text.substr(0, eol);
        text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        LexiconEntry entry{line_number, {}};
        std::size_t start = 0;
        while (start <= line.size()) {
            const std::size_t tab = line.find('\t', start);
            const std::string_view field = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
            if (!field.empty()) entry.fields.emplace_back(field);  // runs of tabs align columns
            if (tab == std::string_view::npos) break;
            start = tab + 1;
        }
        if (!entry.fields.empty()) file.entries.push_back(std::move(entry));
    }
    return file;
}

LexiconFile read_lexicon_file(const std::filesystem::path& path) {
    return parse_lexicon_text(core::read_data_file(path, "lexicon file"), path.string());
}

LexiconFile read_lexicon_asset(std::string_view topic, std::string_view lang) {
    std::string relative = "extract/";
    relative += topic;
    relative += '/';
    relative += lang;
    relative += ".tsv";
    return read_lexicon_file(core::find_asset(relative));
}

}  // namespace incidentmap::extract

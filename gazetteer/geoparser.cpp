#include "gazetteer/geoparser.hpp"

#include "core/assets.hpp"
#include "core/error.hpp"

#include <fstream>

namespace incidentmap::gazetteer {

namespace {

// first_names.tsv: a header, then LANG <tab> NAME lines; each name goes to its language's lexicon.
void add_first_names(const std::filesystem::path& file, std::map<std::string, Lexicon>& lexicons) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw core::InputError(file.string(), "cannot open the list of first names");
    std::string line;
    for (std::size_t line_no = 1; std::getline(in, line); ++line_no) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line_no == 1 || line.empty()) continue;  // the header
        const std::size_t tab = line.find('\t');
        if (tab == std::string::npos || tab == 0 || tab + 1 == line.size())
            throw core::InputError(file.string() + ":" + std::to_string(line_no), "expected LANG <tab> NAME, got '" + line + "'");
        if (const auto it = lexicons.find(line.substr(0, tab)); it != lexicons.end()) it->second.add_first_name(line.substr(tab + 1));
    }
}

std::map<std::string, Lexicon> embedded_lexicons() {
    std::map<std::string, Lexicon> out;
    for (const char* lang : {"fr", "en", "ru"})
        out.emplace(lang, Lexicon::load(core::find_asset(std::string("geoparse/") + lang + ".tsv")));
    add_first_names(core::find_asset("geoparse/first_names.tsv"), out);
    return out;
}

}  // namespace

Geoparser::Geoparser(const Gazetteer& gazetteer)
    : Geoparser(gazetteer, embedded_lexicons(), RegionTable::load(core::find_asset("geoparse/regions.tsv"))) {}

Geoparser::Geoparser(const Gazetteer& gazetteer, std::map<std::string, Lexicon> lexicons, RegionTable regions)
    : g_(gazetteer), lexicons_(std::move(lexicons)), regions_(std::move(regions)), resolver_(gazetteer) {
    if (!lexicons_.contains("en")) throw core::Error("the geoparser needs at least the English lexicon");
    for (const auto& [lang, lex] : lexicons_) finders_.emplace(lang, std::make_unique<MentionFinder>(g_, regions_, lex));
}

const Lexicon& Geoparser::lexicon(std::string_view lang) const {
    const auto it = lexicons_.find(std::string(lang));
    return it == lexicons_.end() ? lexicons_.at("en") : it->second;
}

const MentionFinder& Geoparser::finder(std::string_view lang) const {
    const auto it = finders_.find(std::string(lang));
    return it == finders_.end() ? *finders_.at("en") : *it->second;
}

std::vector<Mention> Geoparser::mentions(std::string_view text, std::string_view lang) const {
    return finder(lang).find(text, tokenize(text));
}

std::vector<ResolvedMention> Geoparser::parse(std::string_view text, std::string_view lang, const ResolveOptions& options) const {
    if (text.size() <= kWindowBytes) return resolve_window(text, lang, options);
    std::vector<ResolvedMention> out;
    parse(text, lang, options, [&](ResolvedMention& m) { out.push_back(std::move(m)); });
    return out;
}

std::vector<ResolvedMention> Geoparser::resolve_window(std::string_view text, std::string_view lang, const ResolveOptions& options) const {
    const auto tokens = tokenize(text);
    const auto found = finder(lang).find(text, tokens);
    return resolver_.resolve(text, tokens, found, lexicon(lang), options);
}

void Geoparser::parse(std::string_view text, std::string_view lang, const ResolveOptions& options,
                      const std::function<void(ResolvedMention&)>& each) const {
    // A longer text (a book, a log, a whole feed pasted at once) is no single report: it is read in windows cut at
    // a paragraph break, else a line break, else a sentence end or a space, in the second half of each window, and
    // each window is resolved on its own. Memory then stays in proportion to a window's mentions.
    std::size_t at = 0;
    std::uint32_t cp_at = 0;
    while (at < text.size()) {
        std::size_t end = std::min(text.size(), at + kWindowBytes);
        if (end < text.size()) {
            const std::string_view window = text.substr(at, end - at);
            std::size_t cut = std::string_view::npos;
            for (const std::string_view sep : {"\n\n", "\n", ". ", " "}) {
                const std::size_t p = window.rfind(sep);
                if (p != std::string_view::npos && p >= window.size() / 2) {
                    cut = p + sep.size();
                    break;
                }
            }
            if (cut != std::string_view::npos) end = at + cut;
            else
                while (end > at + 1 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // a UTF-8 boundary
        }
        const std::string_view part = text.substr(at, end - at);
        for (ResolvedMention& m : resolve_window(part, lang, options)) {
            m.begin += static_cast<std::uint32_t>(at);
            m.end += static_cast<std::uint32_t>(at);
            m.cp_begin += cp_at;
            m.cp_end += cp_at;
            each(m);
        }
        cp_at += code_point_count(part);
        at = end;
    }
}

}  // namespace incidentmap::gazetteer

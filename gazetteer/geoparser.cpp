#include "gazetteer/geoparser.hpp"

#include "core/assets.hpp"
#include "core/error.hpp"

namespace incidentmap::gazetteer {

namespace {

std::map<std::string, Lexicon> embedded_lexicons() {
    std::map<std::string, Lexicon> out;
    for (const char* lang : {"fr", "en", "ru"})
        out.emplace(lang, Lexicon::load(core::find_asset(std::string("geoparse/") + lang + ".tsv")));
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
    const auto tokens = tokenize(text);
    const auto found = finder(lang).find(text, tokens);
    return resolver_.resolve(text, tokens, found, lexicon(lang), options);
}

}  // namespace incidentmap::gazetteer

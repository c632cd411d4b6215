#pragma once
// The geoparser: text in, resolved place mentions out (MentionFinder, then Resolver), for French, English and
// Russian, with the lexicons and the region table embedded in assets/geoparse/.
//
// Guarantees: parse() never throws on any text (invalid UTF-8 bytes act as separators; the caller decides
// whether to replace them first). Offsets in the answers are code point offsets into the given text. A Geoparser
// borrows the gazetteer, which must outlive it; it caches lookups, so use one Geoparser per thread.
//
// Cost: linear in the text (each stage states its bound: text_tokens.hpp, mention_finder.hpp, resolver.hpp). Memory
// beyond the gazetteer: one window's tokens, mentions and candidates, plus the answers parse() returns (about 400
// bytes a mention); the callback form holds one window's answers (geoparse FILE: 3 times the text, measured on 16 MB,
// docs/RELIABILITY.md).

#include "gazetteer/gazetteer.hpp"
#include "gazetteer/geoparse_lexicon.hpp"
#include "gazetteer/mention_finder.hpp"
#include "gazetteer/region_table.hpp"
#include "gazetteer/resolver.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::gazetteer {

class Geoparser {
public:
    // Lexicons "fr", "en", "ru" and the region table from the embedded assets (core::find_asset); throws
    // core::InputError when one is missing or malformed.
    explicit Geoparser(const Gazetteer& gazetteer);
    Geoparser(const Gazetteer& gazetteer, std::map<std::string, Lexicon> lexicons, RegionTable regions);
    Geoparser(const Geoparser&) = delete;
    Geoparser& operator=(const Geoparser&) = delete;

    // Texts longer than this are read in windows, each resolved on its own (see parse()).
    static constexpr std::size_t kWindowBytes = 1 << 18;

    // `lang` is "fr", "en" or "ru"; any other value reads the text as English. A text over kWindowBytes is cut at
    // paragraph, line or sentence breaks into windows of at most that size, resolved one by one.
    std::vector<ResolvedMention> parse(std::string_view text, std::string_view lang, const ResolveOptions& options = {}) const;
    // The same mentions, in the same order, handed to `each` window by window as they are resolved: a caller that
    // writes them out holds one window's answers at a time, however long the text.
    void parse(std::string_view text, std::string_view lang, const ResolveOptions& options,
               const std::function<void(ResolvedMention&)>& each) const;
    // The mentions before resolution (for tests and diagnostics).
    std::vector<Mention> mentions(std::string_view text, std::string_view lang) const;

private:
    std::vector<ResolvedMention> resolve_window(std::string_view text, std::string_view lang, const ResolveOptions& options) const;
    const MentionFinder& finder(std::string_view lang) const;
    const Lexicon& lexicon(std::string_view lang) const;

    const Gazetteer& g_;
    std::map<std::string, Lexicon> lexicons_;
    RegionTable regions_;
    std::map<std::string, std::unique_ptr<MentionFinder>> finders_;
    Resolver resolver_;
};

}  // namespace incidentmap::gazetteer

#pragma once
// The languages incidentmap reads, and a detector for when the user does not say.
//
// Guarantees: detect_language() looks only at the text: Cyrillic letters making up more than a third of the letters
// mean Russian; otherwise the more frequent of French and English function words wins, with English on a tie.
// It returns nullopt when the text has no letters at all. It does not tell Russian from other Cyrillic languages
// (Kazakh, Ukrainian), which it reports as Russian.

#include <optional>
#include <string_view>

namespace incidentmap::core {

enum class Language { fr, en, ru };

std::string_view to_string(Language lang);
// "fr", "en", "ru" (case-sensitive); nullopt otherwise.
std::optional<Language> parse_language(std::string_view code);
std::optional<Language> detect_language(std::string_view utf8);

}  // namespace incidentmap::core

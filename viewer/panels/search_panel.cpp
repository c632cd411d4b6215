#include "viewer/panels/search_panel.hpp"

#include "core/error.hpp"
#include "gazetteer/name_folding.hpp"
#include "viewer/fonts.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstring>

namespace incidentmap::viewer {

namespace {

// The next code point of `s` from byte `i`, advancing `i`; a malformed byte reads as U+FFFD and is skipped alone.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i++]);
    if (b < 0x80) return b;
    const int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
    if (extra < 0 || i + static_cast<std::size_t>(extra) > s.size()) return U'\uFFFD';
    char32_t cp = b & (0x3F >> extra);
    for (int k = 0; k < extra; ++k) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80) return U'\uFFFD';
        cp = (cp << 6) | (c & 0x3F);
        ++i;
    }
    return cp;
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size();) next_code_point(s, i), ++n;
    return n;
}

std::string_view trim(std::string_view s) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

bool is_latin(char32_t c) {
    return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
           (c >= 0x1E00 && c <= 0x1EFF);
}

// The script of a name's first letter, coarsely: 0 Latin (also for a name without letters), 1 Cyrillic, else a
// number for the 128-code-point block the letter lies in. Enough to tell whether a name is in the query's script.
std::uint32_t script_of(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = next_code_point(s, i);
        if (is_latin(c)) return 0;
        if (c >= 0x400 && c <= 0x52F) return 1;
        if (c >= 0x370 && c != 0xFFFD && !(c >= 0x2000 && c <= 0x2BFF)) return 2 + (c >> 7);  // not punctuation
    }
    return 0;
}

// Whether the viewer's fonts (fonts.hpp) can show every character.
bool displayable(std::string_view s) {
    for (std::size_t i = 0; i < s.size();)
        if (!fonts_cover(next_code_point(s, i))) return false;
    return true;
}

// Simple lower case for the scripts names are typed in (Latin, Cyrillic with its supplement); others unchanged.
char32_t to_lower(char32_t c) {
    if ((c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x410 && c <= 0x42F)) return c + 0x20;
    if (c >= 0x400 && c <= 0x40F) return c + 0x50;
    if (((c >= 0x100 && c <= 0x17F) || (c >= 0x460 && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F)) && c % 2 == 0)
        return c + 1;
    return c;
}

// Whether `name` starts with `prefix`, ignoring case as to_lower() knows it.
bool starts_with_ignoring_case(std::string_view name, std::string_view prefix) {
    std::size_t i = 0, j = 0;
    while (j < prefix.size()) {
        if (i >= name.size() || to_lower(next_code_point(name, i)) != to_lower(next_code_point(prefix, j))) return false;
    }
    return true;
}

// The name to show beside the main one for a candidate, or empty when the main name already starts with what was
// typed. The index keeps one matched name per place, whatever its script ("Алма" matches Almaty through
// "Almata"), so look among the place's names for the shortest that starts with the query as typed, then for one
// in the query's script that matches once folded; names the fonts cannot show are transliterated. Folding goes
// through ICU, so it is kept to ties and to names in the query's script.
struct ShownMatch {
    std::string text;
    bool same_script = true;  // found through a name in the script typed (or the main name), not a transliteration
};

ShownMatch shown_match(const gazetteer::Candidate& c, std::string_view query, const std::string& folded,
                       const gazetteer::NameFolder& folder) {
    const std::string_view name = c.place.name();
    if (starts_with_ignoring_case(name, query)) return {};
    std::string_view m = c.matched_name();
    if (!starts_with_ignoring_case(m, query)) {
        const std::vector<gazetteer::PlaceName> names = c.place.names();
        // Of equally long ones, the spelling of the main name ("Алматы" for Almaty, not the Ukrainian "Алмати").
        std::string_view literal;
        std::optional<std::string> main_folded;
        for (const gazetteer::PlaceName& n : names) {
            if (!starts_with_ignoring_case(n.text, query)) continue;
            if (literal.empty() || n.text.size() < literal.size()) {
                literal = n.text;
            } else if (n.text.size() == literal.size()) {
                if (!main_folded) main_folded = folder.fold(name);
                if (folder.fold(literal) != *main_folded && folder.fold(n.text) == *main_folded) literal = n.text;
            }
        }
        if (!literal.empty()) {
            m = literal;
        } else if (const std::uint32_t want = script_of(query); script_of(m) != want) {
            const std::string skel = gazetteer::skeleton(folded);
            for (const gazetteer::PlaceName& n : names) {
                if (script_of(n.text) != want) continue;
                const std::string f = folder.fold(n.text);
                if (f.starts_with(folded) || gazetteer::skeleton(f).starts_with(skel)) {
                    m = n.text;
                    break;
                }
            }
        }
    }
    const bool same_script = script_of(m) == script_of(query) && displayable(m);
    if (m == name) return {{}, same_script};
    if (!displayable(m)) {  // better "Germany (alman)" than a row of missing glyphs
        std::string f = folder.fold(m);
        return {f == folder.fold(name) ? std::string() : f, false};
    }
    return {std::string(m), same_script};
}

SearchResult to_result(const gazetteer::Candidate& c, std::string matched) {
    const gazetteer::Place& p = c.place;
    SearchResult r;
    r.id = p.id();
    r.name = p.name();
    r.matched_name = std::move(matched);
    r.place_class = p.place_class();
    r.kind = p.kind();
    r.country = p.country();
    r.location = p.location();
    r.radius = p.radius();
    r.match = c.match;
    r.score = c.score;
    return r;
}

}  // namespace

std::string SearchResult::label() const {
    std::string s = name;
    if (!matched_name.empty()) s.append(" (").append(matched_name).append(")");
    return s;
}

std::string SearchResult::kind_label() const {
    std::string s(gazetteer::to_string(place_class));
    std::replace(s.begin(), s.end(), '_', ' ');
    // The fine kind's first part, unless it is a GeoNames code ("P.PPLA") or repeats the class.
    const std::string_view head = std::string_view(kind).substr(0, kind.find(';'));
    const bool geonames_code = head.size() >= 3 && head[1] == '.' && head[0] >= 'A' && head[0] <= 'Z';
    if (!head.empty() && !geonames_code && head != gazetteer::to_string(place_class)) s.append(": ").append(head);
    return s;
}

std::vector<SearchResult> search_places(const gazetteer::Gazetteer& gazetteer, std::string_view query,
                                        std::size_t limit) {
    thread_local const gazetteer::NameFolder folder;
    query = trim(query);
    const std::string folded = folder.fold(query);
    if (folded.empty() || limit == 0) return {};

    gazetteer::LookupOptions options;
    options.prefix = true;
    options.limit = limit;
    std::vector<gazetteer::Candidate> found = gazetteer.lookup_folded(folded, options);
    if (code_points(query) >= 4 && found.size() < limit) {
        // The index tries typos only among names that do not start with the query, so with prefix on it finds none:
        // ask again for typos alone. They fill the rows left after what was typed and its completions, best first.
        // A typo is one made in the script typed, or in Latin (the spelling every place has): not a name of a third
        // script two letters away once transliterated ("Алматы" is no typo of Germany's "ألمانيا", "alman").
        const std::uint32_t typed_script = script_of(query);
        options.prefix = false;
        options.fuzzy = true;
        for (const gazetteer::Candidate& c : gazetteer.lookup_folded(folded, options)) {
            if (found.size() == limit) break;
            const std::uint32_t script = script_of(c.matched_name());
            if (script != typed_script && script != 0) continue;
            if (std::none_of(found.begin(), found.end(),
                             [&](const gazetteer::Candidate& o) { return o.place.index() == c.place.index(); }))
                found.push_back(c);
        }
    }

    // The places found through a name in the script typed first ("Алма": Almaty by "Алматы", the Almas spelled
    // "Алма"), then those found through another script's name once transliterated (Germany by "alman"), each group
    // in the index's order.
    // Typos last, as found.
    std::vector<SearchResult> out, other_script, typos;
    out.reserve(found.size());
    for (const gazetteer::Candidate& c : found) {
        ShownMatch shown = shown_match(c, query, folded, folder);
        auto& group = c.match == gazetteer::MatchKind::fuzzy ? typos : shown.same_script ? out : other_script;
        group.push_back(to_result(c, std::move(shown.text)));
        group.back().other_script = !shown.same_script;
    }
    for (auto* group : {&other_script, &typos})
        for (SearchResult& r : *group) out.push_back(std::move(r));
    return out;
}

void SearchPanel::set_query(std::string query) {
    if (query.size() >= buffer_.size()) {
        std::size_t cut = buffer_.size() - 1;
        while (cut > 0 && (static_cast<unsigned char>(query[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
        query.resize(cut);
    }
    std::memcpy(buffer_.data(), query.c_str(), query.size() + 1);
    query_ = std::move(query);
    search();
}

void SearchPanel::choose(std::size_t k) {
    if (k >= results_.size()) return;
    highlighted_ = k;
    const SearchResult& r = results_[k];
    choice_ = SearchChoice{r.name, r.location, r.radius, r.place_class, r.id};
    list_open_ = false;
}

std::optional<SearchChoice> SearchPanel::take_choice() {
    std::optional<SearchChoice> c = std::move(choice_);
    choice_.reset();
    return c;
}

void SearchPanel::search() {
    highlighted_ = 0;
    list_open_ = true;
    results_.clear();
    problem_.clear();
    if (!gazetteer_) return;
    try {
        results_ = search_places(*gazetteer_, query_, kMaxResults);
    } catch (const core::Error& e) {  // ICU without its data: say so instead of taking the viewer down
        problem_ = e.what();
    }
}

float SearchPanel::draw(const PanelSlot& slot) {
    // Grows and shrinks with the results, like a drop-down.
    place_next_window(slot);
    if (ImGui::Begin("Search", nullptr, kSlotFlags)) draw_content();
    return end_panel();
}

void SearchPanel::draw_content() {
    const float scale = ImGui::GetFontSize() / 15.0f;
    if (!gazetteer_) {
        ImGui::TextDisabled("No gazetteer loaded: place search is off.");
        return;
    }
    ImGui::SetNextItemWidth(300 * scale);
    const bool enter = ImGui::InputTextWithHint("##query", "Place name, any script", buffer_.data(), buffer_.size(),
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    const bool typing = ImGui::IsItemActive();
    if (ImGui::IsItemActivated()) list_open_ = true;  // a click into the field shows the results again
    // The buffer follows every keystroke even with EnterReturnsTrue: compare rather than trust the return value.
    if (query_ != buffer_.data()) {
        query_ = buffer_.data();
        search();
    }
    if (!list_open_) return;
    if (typing && !results_.empty()) {
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow)))
            highlighted_ = std::min(highlighted_ + 1, results_.size() - 1);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow)) && highlighted_ > 0) --highlighted_;
    }
    if (enter && !results_.empty()) choose(highlighted_);

    if (!problem_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 110, 100, 255));
        ImGui::PushTextWrapPos(300 * scale);
        ImGui::TextWrapped("%s", problem_.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    } else if (results_.empty() && !trim(query_).empty()) {
        ImGui::TextDisabled("No place found.");
    }
    for (std::size_t k = 0; k < results_.size(); ++k) {
        const SearchResult& r = results_[k];
        ImGui::PushID(static_cast<int>(k));
        if (ImGui::Selectable(r.label().c_str(), k == highlighted_)) choose(k);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s\n%s\n%s\n%s match", r.id.c_str(), r.location.to_string().c_str(), r.kind.c_str(),
                              std::string(gazetteer::to_string(r.match)).c_str());
        ImGui::SameLine();
        if (r.country.empty()) ImGui::TextDisabled("%s", r.kind_label().c_str());
        else ImGui::TextDisabled("%s, %s", r.kind_label().c_str(), r.country.c_str());
        ImGui::PopID();
    }
}

}  // namespace incidentmap::viewer

// Type-ahead place search on the embedded default index (INCIDENTMAP_DEFAULT_INDEX): the search without an ImGui
// context, and the panel drawn in a frame that no window shows.

#include "viewer/panels/search_panel.hpp"

#include <catch2/catch.hpp>

#include <imgui.h>

#include <algorithm>

using namespace incidentmap;
using viewer::SearchPanel;
using viewer::SearchResult;

namespace {

const gazetteer::Gazetteer& index() {
    static const gazetteer::Gazetteer g = gazetteer::Gazetteer::open(INCIDENTMAP_DEFAULT_INDEX);
    return g;
}

constexpr const char* kAlmaty = "geonames:1526384";

const SearchResult* find(const std::vector<SearchResult>& results, const std::string& id) {
    const auto it = std::find_if(results.begin(), results.end(), [&](const SearchResult& r) { return r.id == id; });
    return it == results.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("search finds places as they are typed, in any script", "[viewer][search]") {
    SearchPanel panel(&index());
    SECTION("a Latin prefix") {
        panel.set_query("Alma");
        CHECK(panel.results().size() <= SearchPanel::kMaxResults);
        const SearchResult* r = find(panel.results(), kAlmaty);
        REQUIRE(r);
        CHECK(r->name == "Almaty");
        CHECK(r->country == "KZ");
        CHECK(r->place_class == gazetteer::PlaceClass::city);
        CHECK(r->kind_label() == "city");
    }
    SECTION("the full Cyrillic name") {
        panel.set_query("Алматы");
        REQUIRE_FALSE(panel.results().empty());
        CHECK(panel.results().front().id == kAlmaty);
    }
    SECTION("a Cyrillic prefix shows the matching name in Cyrillic") {
        panel.set_query("алма");  // case does not matter
        const SearchResult* r = find(panel.results(), kAlmaty);
        REQUIRE(r);
        CHECK(r->label() == "Almaty (Алматы)");  // the main name's spelling, of the names as long
    }
    SECTION("a typo from four characters on") {
        panel.set_query("Almati");
        REQUIRE_FALSE(panel.results().empty());
        CHECK(panel.results().front().id == kAlmaty);
        panel.set_query("Almatyy");
        CHECK(find(panel.results(), kAlmaty));
    }
    SECTION("the main name shows alone when it starts with the query") {
        panel.set_query("alma");
        const SearchResult* r = find(panel.results(), kAlmaty);
        REQUIRE(r);
        CHECK(r->label() == "Almaty");
    }
    SECTION("a matched name the fonts cannot show is transliterated") {
        panel.set_query("Алма");  // Germany matches through its Arabic name, and has no Cyrillic one that does
        const SearchResult* r = find(panel.results(), "country:DE");
        REQUIRE(r);
        CHECK(r->label() == "Germany (alman)");
    }
}

TEST_CASE("choosing a result yields its place once", "[viewer][search]") {
    SearchPanel panel(&index());
    panel.set_query("Almaty");
    REQUIRE_FALSE(panel.results().empty());
    CHECK_FALSE(panel.take_choice());
    const SearchResult first = panel.results()[0];
    panel.choose(0);
    const auto choice = panel.take_choice();
    REQUIRE(choice);
    CHECK(choice->id == first.id);
    CHECK(choice->name == first.name);
    CHECK(choice->location == first.location);
    CHECK(choice->location.lat_deg() == Approx(43.25).margin(1e-5));
    CHECK(choice->location.lon_deg() == Approx(76.91667).margin(1e-5));
    CHECK(choice->place_class == first.place_class);
    CHECK_FALSE(panel.take_choice());

    SECTION("a choice closes the list; a new query opens it") {
        CHECK_FALSE(panel.list_open());
        panel.set_query("Astana");
        CHECK(panel.list_open());
    }
    SECTION("an index past the results chooses nothing") {
        panel.choose(panel.results().size());
        CHECK_FALSE(panel.take_choice());
    }
    SECTION("a new query moves the highlight back to the top") {
        panel.choose(panel.results().size() - 1);
        CHECK(panel.highlighted() == panel.results().size() - 1);
        panel.set_query("Astana");
        CHECK(panel.highlighted() == 0);
    }
}

TEST_CASE("places found through a name in the script typed come before those found through another script", "[viewer][search]") {
    // "Алма" (Cyrillic) reaches Germany through a transliterated Arabic name ("alman") and the Almas of Algeria
    // through Latin ones: after Almaty ("Алматы") and the Almas spelled "Алма".
    const auto results = viewer::search_places(index(), "Алма", 12);
    REQUIRE(results.size() >= 4);
    CHECK(results[0].name == "Almaty");
    bool other_script = false;
    for (const auto& r : results) {
        const std::string& shown = r.matched_name.empty() ? r.name : r.matched_name;
        const bool cyrillic = static_cast<unsigned char>(shown[0]) >= 0xD0 && static_cast<unsigned char>(shown[0]) <= 0xD4;
        INFO(r.label());
        CHECK(r.other_script == !cyrillic);
        if (r.other_script) other_script = true;
        else CHECK_FALSE(other_script);  // no match in the script typed after the first of another script
    }
    CHECK(other_script);
    CHECK(std::any_of(results.begin(), results.end(), [](const SearchResult& r) { return r.name == "Germany" && r.other_script; }));
    // No typo through a third script: Germany's "alman" and Albania's "albany" are not typos of "Алматы".
    for (const auto& r : viewer::search_places(index(), "Алматы", 12)) {
        INFO(r.label());
        CHECK(r.name != "Germany");
        CHECK(r.name != "Albania");
    }
}

TEST_CASE("nothing to search for finds nothing", "[viewer][search]") {
    SECTION("an empty or blank query") {
        SearchPanel panel(&index());
        panel.set_query("Alma");
        REQUIRE_FALSE(panel.results().empty());
        panel.set_query("");
        CHECK(panel.results().empty());
        panel.set_query("   ");
        CHECK(panel.results().empty());
        CHECK(viewer::search_places(index(), "", 12).empty());
        CHECK(viewer::search_places(index(), "Almaty", 0).empty());
    }
    SECTION("no gazetteer") {
        SearchPanel panel(nullptr);
        panel.set_query("Almaty");
        CHECK(panel.results().empty());
        panel.choose(0);
        CHECK_FALSE(panel.take_choice());
    }
    SECTION("a query longer than the text field is cut at a character boundary") {
        SearchPanel panel(&index());
        std::string long_query;
        for (int i = 0; i < 200; ++i) long_query += "Ж";  // two bytes each
        panel.set_query(long_query + "x");
        CHECK(panel.query().size() == 254);
        CHECK(panel.results().size() <= SearchPanel::kMaxResults);
    }
}

TEST_CASE("search_places keeps the limit, one row per place, completions before typos", "[viewer][search]") {
    for (const char* query : {"Kok", "Almat", "Токио"}) {
        INFO(query);
        const auto results = viewer::search_places(index(), query, 8);
        CHECK(results.size() <= 8);
        for (std::size_t i = 0; i < results.size(); ++i)
            for (std::size_t j = i + 1; j < results.size(); ++j) CHECK(results[i].id != results[j].id);
        // Completions through the script typed, completions through another script, typos: each best first.
        auto group = [](const SearchResult& r) { return r.match == gazetteer::MatchKind::fuzzy ? 2 : r.other_script ? 1 : 0; };
        for (std::size_t i = 1; i < results.size(); ++i) {
            CHECK(group(results[i - 1]) <= group(results[i]));
            if (group(results[i - 1]) == group(results[i])) CHECK(results[i - 1].score >= results[i].score);
        }
    }
    const auto almat = viewer::search_places(index(), "Almat", 12);
    REQUIRE_FALSE(almat.empty());
    CHECK(almat.front().id == kAlmaty);
}

TEST_CASE("the panel draws in a frame without a window", "[viewer][search]") {
    struct Context {  // destroyed even when a check throws
        ImGuiContext* ctx = ImGui::CreateContext();
        ~Context() { ImGui::DestroyContext(ctx); }
    } context;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);

    SearchPanel panel(&index()), none(nullptr);
    panel.set_query("Алма");
    const std::size_t found = panel.results().size();
    for (int frame = 0; frame < 3; ++frame) {
        ImGui::NewFrame();
        panel.draw({ImVec2(10, 10), 360, 600});
        none.draw({ImVec2(10, 300), 360, 200});
        ImGui::Render();
    }
    CHECK(panel.query() == "Алма");  // drawing leaves the query and its results alone
    CHECK(panel.results().size() == found);
    CHECK(ImGui::GetDrawData()->TotalVtxCount > 0);
}

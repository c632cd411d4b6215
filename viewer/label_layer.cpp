#include "viewer/label_layer.hpp"

#include "gazetteer/gazetteer.hpp"
#include "gazetteer/text_tokens.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <numeric>
#include <utility>

namespace incidentmap::viewer {

namespace {

void halo_text(ImDrawList& dl, ImFont* font, ImVec2 at, ImU32 color, ImU32 halo, std::string_view text, float scale) {
    const char* b = text.data();
    const char* e = text.data() + text.size();
    const float size = font->FontSize;
    const float d = std::max(1.0f, scale);
    static constexpr float kDirs[8][2] = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}, {-1, -1}, {1, -1}, {-1, 1}, {1, 1}};
    for (const auto& dir : kDirs) dl.AddText(font, size, ImVec2(at.x + dir[0] * d, at.y + dir[1] * d), halo, b, e);
    dl.AddText(font, size, at, color, b, e);
}

// Whether a name reads well on a map: no abbreviation ("USA", "РФ"), no brackets or commas ("Korea, Republic of").
bool plain_name(std::string_view n) {
    if (n.size() < 4 || n.find_first_of(".,()") != std::string_view::npos) return false;
    const std::vector<gazetteer::Token> words = gazetteer::tokenize(n);
    return !std::all_of(words.begin(), words.end(), [](const gazetteer::Token& w) { return w.all_caps; });
}

// The shortest plain name the gazetteer gives the place in `lang`, or empty where it has none in that language.
std::string_view name_in(const gazetteer::Place& p, std::string_view lang) {
    std::string_view best;
    for (const auto& n : p.names())
        if (n.lang == lang && plain_name(n.text) && (best.empty() || n.text.size() < best.size())) best = n.text;
    return best;
}

// The name a small-scale map shows for a country: in English the short form of the long official names in the
// country table ("China", not "People's Republic of China"), else the shortest plain name in the language.
std::string_view short_country_name(const gazetteer::Place& p, std::string_view lang) {
    static constexpr std::pair<std::string_view, std::string_view> kShort[] = {
        {"BN", "Brunei"},         {"BQ", "Caribbean Netherlands"}, {"CD", "DR Congo"},        {"CG", "Congo"},
        {"CN", "China"},          {"CZ", "Czechia"},               {"FK", "Falkland Islands"}, {"FM", "Micronesia"},
        {"GM", "Gambia"},         {"IR", "Iran"},                  {"LA", "Laos"},            {"MD", "Moldova"},
        {"MK", "North Macedonia"}, {"PS", "Palestine"},            {"RU", "Russia"},          {"SY", "Syria"},
        {"TW", "Taiwan"},         {"TZ", "Tanzania"},              {"US", "United States"},   {"VA", "Vatican City"},
        {"VG", "British Virgin Islands"}, {"VI", "U.S. Virgin Islands"},
    };
    if (lang != "en")
        if (const std::string_view own = name_in(p, lang); !own.empty()) return own;
    for (const auto& [iso2, name] : kShort)
        if (p.country() == iso2) return name;
    std::string_view best = p.name();
    if (const std::string_view en = name_in(p, "en"); !en.empty() && (en.size() < best.size() || !plain_name(best))) best = en;
    return best;
}

}  // namespace

PlaceLabelLayer::PlaceLabelLayer(const gazetteer::Gazetteer& g, std::string_view language, std::uint64_t min_population) {
    const std::string lang = language.empty() ? std::string("en") : std::string(language);
    using gazetteer::PlaceClass;
    std::vector<double> xs, ys;
    std::vector<float> order;
    for (std::uint32_t i = 0; i < g.size(); ++i) {
        const gazetteer::Place p = g.place(i);
        const PlaceClass cls = p.place_class();
        Label l;
        float importance = 0;
        const double pop = static_cast<double>(p.population());
        const double lp = std::log10(std::max(pop, 1.0));
        if (cls == PlaceClass::country) {
            if (p.source() != gazetteer::PlaceSource::country_table) continue;  // one label per country
            l.rank = Rank::country;
            l.min_zoom = static_cast<float>(std::clamp(5.2 - 0.55 * lp, 1.0, 4.0));
            l.max_zoom = 7.0f;
            importance = 1000.0f + static_cast<float>(lp);
        } else if (cls == PlaceClass::city) {
            const std::string_view kind = p.kind();
            const bool capital = kind == "P.PPLC";
            const bool regional = kind == "P.PPLA";
            if (p.population() < min_population && !capital && !regional) continue;
            l.rank = capital ? Rank::capital : (pop >= 1e6 ? Rank::major_city : Rank::city);
            l.min_zoom = static_cast<float>(std::clamp(12.5 - 1.5 * lp - (capital ? 1.5 : regional ? 1.0 : 0.0), 1.0, 14.0));
            importance = p.prominence() + (capital ? 100.0f : 0.0f);
        } else if (cls == PlaceClass::landmark || cls == PlaceClass::square) {
            // Landmarks and squares once a city fills the view: the buildings and squares reports name.
            l.rank = Rank::city;
            l.min_zoom = 12.0f;
            importance = p.prominence() - 1000.0f;  // after every town
        } else {
            continue;
        }
        // Only the country table tags its names with languages; GeoNames' towns and the landmarks carry none.
        const std::string_view name = cls == PlaceClass::country ? short_country_name(p, lang) : p.name();
        if (name.empty()) continue;
        l.name_offset = static_cast<std::uint32_t>(names_.size());
        l.name_size = static_cast<std::uint32_t>(name.size());
        names_.append(name);
        xs.push_back(p.location().lon_deg());
        ys.push_back(std::clamp(p.location().lat_deg(), -85.0, 85.0));
        labels_.push_back(l);
        order.push_back(importance);
    }

    core::proj::Context ctx;
    const auto merc = core::proj::Transformation::wgs84_to_web_mercator(ctx);
    merc.forward(xs, ys);
    for (std::size_t i = 0; i < labels_.size(); ++i) labels_[i].at = {xs[i], ys[i]};

    std::vector<std::uint32_t> idx(labels_.size());
    std::iota(idx.begin(), idx.end(), 0u);
    std::stable_sort(idx.begin(), idx.end(), [&](std::uint32_t a, std::uint32_t b) { return order[a] > order[b]; });
    std::vector<Label> sorted;
    sorted.reserve(labels_.size());
    for (std::uint32_t i : idx)
        if (std::isfinite(labels_[i].at.x) && std::isfinite(labels_[i].at.y) && labels_[i].at.x != HUGE_VAL)
            sorted.push_back(labels_[i]);
    labels_ = std::move(sorted);
}

std::unique_ptr<PlaceLabelLayer> PlaceLabelLayer::open(const std::filesystem::path& index, std::string_view language) {
    const auto g = gazetteer::Gazetteer::open(index);
    return std::make_unique<PlaceLabelLayer>(g, language);
}

std::string PlaceLabelLayer::description() const {
    return "place names from the gazetteer (" + std::to_string(labels_.size()) + " places)";
}

bool PlaceLabelLayer::free(const Rect& r, const Rect& text) const {
    const int cx0 = std::max(0, static_cast<int>(r.x0 / kCell)), cx1 = std::min(grid_w_ - 1, static_cast<int>(r.x1 / kCell));
    const int cy0 = std::max(0, static_cast<int>(r.y0 / kCell)), cy1 = std::min(grid_h_ - 1, static_cast<int>(r.y1 / kCell));
    for (int cy = cy0; cy <= cy1; ++cy)
        for (int cx = cx0; cx <= cx1; ++cx)
            for (std::uint16_t k : grid_[cy * grid_w_ + cx]) {
                const Rect& o = rects_[k];
                const Rect& t = o.text_only ? text : r;
                if (t.x0 < o.x1 && o.x0 < t.x1 && t.y0 < o.y1 && o.y0 < t.y1) return false;
            }
    return true;
}

void PlaceLabelLayer::occupy(const Rect& r) {
    const auto k = static_cast<std::uint16_t>(rects_.size());
    rects_.push_back(r);
    const int cx0 = std::max(0, static_cast<int>(r.x0 / kCell)), cx1 = std::min(grid_w_ - 1, static_cast<int>(r.x1 / kCell));
    const int cy0 = std::max(0, static_cast<int>(r.y0 / kCell)), cy1 = std::min(grid_h_ - 1, static_cast<int>(r.y1 / kCell));
    for (int cy = cy0; cy <= cy1; ++cy)
        for (int cx = cx0; cx <= cx1; ++cx) grid_[cy * grid_w_ + cx].push_back(k);
}

void PlaceLabelLayer::draw(const DrawContext& ctx) {
    const MapCamera& cam = ctx.camera;
    const float w = static_cast<float>(cam.viewport_width()), h = static_cast<float>(cam.viewport_height());
    grid_w_ = static_cast<int>(w / kCell) + 1;
    grid_h_ = static_cast<int>(h / kCell) + 1;
    grid_.assign(static_cast<std::size_t>(grid_w_) * grid_h_, {});
    rects_.clear();
    placed_.clear();
    for (const ImVec4& r : ctx.reserved) occupy(Rect{r.x, r.y, r.z, r.w});
    for (const ImVec4& r : ctx.text_reserved) occupy(Rect{r.x, r.y, r.z, r.w, true});

    const double zoom = cam.zoom_level();
    const WorldBox view = cam.visible_box(0);
    const float s = ctx.scale;
    const float pad = 3.0f * s;
    const ImU32 text_color = with_opacity(ctx.style.place_text, ctx.opacity);
    const ImU32 country_color = with_opacity(ctx.style.country_text, ctx.opacity);
    const ImU32 halo = with_opacity(ctx.style.place_halo, ctx.opacity);
    const ImU32 dot = with_opacity(ctx.style.place_dot, ctx.opacity);
    const ImU32 dot_rim = with_opacity(IM_COL32(255, 255, 255, 255), ctx.opacity);
    const double world = MapCamera::kWorldWidth;

    std::size_t tested = 0;
    for (std::uint32_t i = 0; i < labels_.size() && placed_.size() < kMaxLabels && tested < 50'000; ++i) {
        const Label& l = labels_[i];
        if (zoom < l.min_zoom || zoom > l.max_zoom) continue;
        if (l.at.y < view.min_y || l.at.y > view.max_y) continue;
        const double k0 = std::ceil((view.min_x - l.at.x) / world), k1 = std::floor((view.max_x - l.at.x) / world);
        for (double k = k0; k <= k1 && placed_.size() < kMaxLabels; ++k) {
            ++tested;
            const ScreenPoint sp = cam.world_to_screen({l.at.x + k * world, l.at.y});
            const ImVec2 at(static_cast<float>(sp.x), static_cast<float>(sp.y));
            const std::string_view text = name(l);
            const bool big = l.rank != Rank::city;
            ImFont* font = big ? ctx.fonts.label_bold : ctx.fonts.label;
            const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size());

            if (l.rank == Rank::country) {
                const ImVec2 pos(at.x - ts.x / 2, at.y - ts.y / 2);
                const Rect r{pos.x - 3 * pad, pos.y - pad, pos.x + ts.x + 3 * pad, pos.y + ts.y + pad};
                if (r.x0 < 0 || r.y0 < 0 || r.x1 > w || r.y1 > h || !free(r, r)) continue;
                occupy(r);
                halo_text(ctx.draw_list, font, pos, country_color, halo, text, s);
                placed_.push_back({i, ImVec4(r.x0, r.y0, r.x1, r.y1)});
                continue;
            }

            const float radius = (l.rank == Rank::city ? 2.5f : 3.5f) * s;
            // Right, left, above, below the dot; then the same further out, clear of an incident marker on the dot.
            bool placed = false;
            for (const float extra : {0.0f, 16.0f * s, 27.0f * s}) {
                const float gap = radius + 3.0f * s + extra;
                const ImVec2 candidates[4] = {
                    {at.x + gap, at.y - ts.y / 2},                 // right
                    {at.x - gap - ts.x, at.y - ts.y / 2},          // left
                    {at.x - ts.x / 2, at.y - gap - ts.y + 2 * s},  // above
                    {at.x - ts.x / 2, at.y + gap - 2 * s},         // below
                };
                for (const ImVec2& pos : candidates) {
                    const Rect text_rect{pos.x - pad, pos.y, pos.x + ts.x + pad, pos.y + ts.y};
                    const Rect r{std::min(text_rect.x0, at.x - radius - pad), std::min(text_rect.y0, at.y - radius - pad),
                                 std::max(text_rect.x1, at.x + radius + pad), std::max(text_rect.y1, at.y + radius + pad)};
                    if (r.x0 < 0 || r.y0 < 0 || r.x1 > w || r.y1 > h || !free(r, text_rect)) continue;
                    occupy(r);
                    ctx.draw_list.AddCircleFilled(at, radius + 1.2f * s, dot_rim, 12);
                    ctx.draw_list.AddCircleFilled(at, radius, dot, 12);
                    if (l.rank == Rank::capital) ctx.draw_list.AddCircleFilled(at, radius * 0.45f, dot_rim, 8);
                    halo_text(ctx.draw_list, font, pos, text_color, halo, text, s);
                    placed_.push_back({i, ImVec4(r.x0, r.y0, r.x1, r.y1)});
                    placed = true;
                    break;
                }
                if (placed) break;
            }
        }
    }
}

}  // namespace incidentmap::viewer

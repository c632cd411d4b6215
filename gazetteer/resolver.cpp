#include "gazetteer/resolver.hpp"

#include <algorithm>
#include <numbers>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>

namespace incidentmap::gazetteer {

namespace {

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double round3(double x) { return std::round(x * 1000.0) / 1000.0; }

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while (at <= s.size()) {
        std::size_t next = s.find(sep, at);
        if (next == std::string_view::npos) next = s.size();
        if (next > at) out.push_back(s.substr(at, next - at));
        at = next + 1;
    }
    return out;
}

bool has_tag(std::string_view kind, std::string_view tag) {
    for (const auto part : split(kind, ';'))
        if (part == tag) return true;
    return false;
}

// How well a landmark's kind fits a target "tag=v|tag2=v2;~pref=v": -1 when a required clause fails.
int tag_fit(std::string_view kind, std::string_view spec) {
    int score = 0;
    for (const auto clause : split(spec, ';')) {
        const bool preference = clause.front() == '~';
        bool any = false;
        for (const auto alt : split(preference ? clause.substr(1) : clause, '|')) any |= has_tag(kind, alt);
        if (preference) score += any;
        else if (!any) return -1;
    }
    return score;
}

core::Meters precision_of(const Hypothesis& h) {
    if (h.region) return h.region->radius;
    const double r = h.place->radius().value();
    if (r > 0) return core::Meters(r);
    switch (h.place->place_class()) {
        case PlaceClass::country: return core::Meters::kilometers(500);
        case PlaceClass::admin_region: return core::Meters::kilometers(150);
        case PlaceClass::city: {
            const double pop = static_cast<double>(h.place->population());
            return core::Meters::kilometers(std::clamp(0.02 * std::sqrt(pop), 2.0, 30.0));
        }
        case PlaceClass::district: return core::Meters::kilometers(2);
        case PlaceClass::street: return core::Meters::kilometers(1);
        case PlaceClass::square: return core::Meters(200);
        case PlaceClass::landmark: return core::Meters(200);
        case PlaceClass::natural: return core::Meters::kilometers(5);
    }
    return core::Meters::kilometers(10);
}

// How much a kind of place is, by itself, a plausible thing for a news text to name.
double kind_weight(const Hypothesis& h) {
    if (h.region) return h.region->region_class == "continent" ? 3.0 : 2.0;
    switch (h.place->place_class()) {
        case PlaceClass::country: return 3.0;
        case PlaceClass::admin_region: return 1.6;
        case PlaceClass::city: {
            const double pop = static_cast<double>(std::max<std::uint64_t>(h.place->population(), 1));
            const std::string_view kind = h.place->kind();
            const double seat = kind == "P.PPLC" ? 1.0 : kind == "P.PPLA" ? 0.6 : kind == "P.PPLA2" ? 0.2 : 0.0;
            return std::clamp(std::log10(pop) - 4.3, -2.0, 2.5) + seat;
        }
        case PlaceClass::district: return -0.5;
        default: return 1.0;  // landmarks, squares, streets: curated
    }
}

// A point on the unit sphere: comparing the cosine of the angle between two places with a threshold's cosine
// tells which distance class they are in without any trigonometry per pair (thousands of pairs in a long text).
struct UnitVector {
    double x = 0, y = 0, z = 0;
    UnitVector() = default;
    explicit UnitVector(core::LatLon p) {
        const double lat = p.lat_deg() * std::numbers::pi / 180, lon = p.lon_deg() * std::numbers::pi / 180;
        x = std::cos(lat) * std::cos(lon), y = std::cos(lat) * std::sin(lon), z = std::sin(lat);
    }
    double dot(const UnitVector& o) const { return x * o.x + y * o.y + z * o.z; }
};
const double kCos25km = std::cos(25.0 / core::kEarthMeanRadius.km());
const double kCos150km = std::cos(150.0 / core::kEarthMeanRadius.km());
const double kCos500km = std::cos(500.0 / core::kEarthMeanRadius.km());
const double kDeg25km = 25.0 / core::kEarthMeanRadius.km() * 180 / std::numbers::pi;
// Before context, the log-odds from which a name may be a place (a probability of 1/4).
const double kMayBePlaceLogOdds = std::log(1.0 / 3.0);
// A candidate beside a candidate of another name: half the support of a place already settled beside it.
constexpr double kBesideNamesakeSupport = 1.0;

// A county's extent when the index gives none, or a smaller one than towns at its edge need.
constexpr double kMinCountyReachM = 30'000.0;

// Mass (in mentions, a country's weighing 1.5) that the share of a text's mentions in one country is smoothed with.
constexpr double kCountryMassPrior = 2.0;

struct Group {
    std::vector<std::size_t> members;  // mention indices
    std::vector<double> score;         // per candidate
    std::size_t best = 0;
    EvidenceVector f{};                // the acceptance model's features (resolver_model.hpp)
    std::vector<ChoiceVector> choice;  // the choice model's features of each candidate, in the last round
    bool accepted = false;
    bool person_like = false;
    std::string why;
};

}  // namespace

Resolver::Resolver(const Gazetteer& g) : Resolver(g, ResolverModel::embedded()) {}

Resolver::Resolver(const Gazetteer& g, ResolverModel model) : g_(g), model_(std::move(model)) {
    for (std::uint32_t i = 0; i < g.size(); ++i) {
        const Place p = g.place(i);
        const PlaceClass c = p.place_class();
        if (c == PlaceClass::country && p.source() == PlaceSource::country_table) countries_.emplace(std::string(p.country()), i);
        if (c != PlaceClass::landmark && c != PlaceClass::square && c != PlaceClass::street && c != PlaceClass::district) continue;
        if (auto city = p.city()) landmarks_by_city_[city->index()].push_back(i);
    }

}

core::LatLon Resolver::city_centre(const Hypothesis& city) const {
    core::LatLon centre = city.location();
    if (!city.place) return centre;
    int best_fit = -1;
    for (std::uint32_t li : landmarks_in(city.place->index())) {
        const Place lp = g_.place(li);
        if (const int fit = tag_fit(lp.kind(), "amenity=townhall;~townhall:type=city"); fit > best_fit) {
            best_fit = fit;
            centre = lp.location();
        }
    }
    return centre;
}

const std::vector<std::uint32_t>& Resolver::landmarks_in(std::uint32_t city) const {
    static const std::vector<std::uint32_t> none;
    const auto it = landmarks_by_city_.find(city);
    return it == landmarks_by_city_.end() ? none : it->second;
}

std::vector<ResolvedMention> Resolver::resolve(std::string_view text, const std::vector<Token>& tokens,
                                               const std::vector<Mention>& mentions, const Lexicon& lex,
                                               const ResolveOptions& options) const {
    // ---- groups of name mentions sharing a key
    std::vector<Group> groups;
    std::map<std::string, std::size_t> group_of_key;
    std::vector<int> group_of(mentions.size(), -1);
    std::map<std::string, double> demonym_mass;
    for (std::size_t i = 0; i < mentions.size(); ++i) {
        const Mention& m = mentions[i];
        if (m.kind == MentionKind::demonym) demonym_mass[m.demonym_country] += 0.5;
        if (m.kind != MentionKind::name || m.candidates.empty()) continue;
        auto [it, inserted] = group_of_key.try_emplace(m.key, groups.size());
        if (inserted) groups.emplace_back();
        groups[it->second].members.push_back(i);
        group_of[i] = static_cast<int>(it->second);
    }

    // ---- evidence that a group is a place at all (independent of which place)
    for (Group& gr : groups) {
        double cue = 0;
        bool all_common = true, all_start = true, all_proper = true, all_caps = true, all_ordinary = true, all_first_names = true;
        int words = 1;
        bool alias = false;
        bool any_proper = false, public_body = false, qualified = false, division = false;
        for (std::size_t i : gr.members) {
            // An organisation named after the place ("Greater Manchester Police") says nothing against the place
            // named alone elsewhere; a person's name does ("Brian Steele", later "Steele").
            any_proper |= mentions[i].in_proper_name && !mentions[i].in_organisation && mentions[i].cue < 0.5;
            const Mention& m = mentions[i];
            cue = std::max(cue, m.cue);
            all_common &= m.common_word;
            all_ordinary &= m.ordinary_word;
            // A first name alone, unless a region qualifies it or it stands in a list of places ("Hugo, Oklahoma";
            // "Parkes, Berry and Wyong").
            all_first_names &= m.first_name && m.qualified_by.empty() && m.list_prev < 0 && m.list_next < 0;
            all_start &= m.sentence_start;
            all_proper &= m.in_proper_name && !(m.leads_name && (m.in_organisation || m.candidates.front().is_country_or_larger()));
            all_caps &= m.all_caps;
            words = std::max(words, m.words);
            alias |= m.alias;
            public_body |= m.opens_public_body;
            qualified |= !m.qualified_by.empty();
            division |= m.division_word;
        }
        std::ostringstream why;
        for (std::size_t i : gr.members)
            if (mentions[i].cue > 0) {
                why << "after '" << mentions[i].cue_word << "'";
                break;
            }
        auto set = [&](Evidence e, double v) { gr.f[static_cast<std::size_t>(e)] = v; };
        // Only transliteration variants matched: a weaker hint than the name itself.
        const auto& cands = mentions[gr.members.front()].candidates;
        const bool variant_only = std::none_of(cands.begin(), cands.end(), [](const Hypothesis& h) { return h.match == MatchKind::exact; });
        // An ordinary word that only ever opens a sentence owes its capital to that: it is a common word ("Сам").
        const bool common = all_common || (all_ordinary && all_start);
        set(Evidence::bias, 1.0);
        set(Evidence::words2, words >= 2);
        set(Evidence::cue, cue);
        set(Evidence::common, common);
        set(Evidence::start, all_start);
        set(Evidence::proper, all_proper);
        set(Evidence::caps, all_caps && words == 1);
        set(Evidence::alias, alias);
        set(Evidence::public_body, public_body);
        set(Evidence::repeated, gr.members.size() >= 2);
        set(Evidence::inflected, mentions[gr.members.front()].inflected);
        set(Evidence::variant1, variant_only && words == 1);
        set(Evidence::variant2, variant_only && words >= 2);
        set(Evidence::ordinary, all_ordinary && !common);
        set(Evidence::qualified, qualified);
        set(Evidence::division, division);
        // Part of a person's name somewhere in the text ("Brian Steele", later "Steele"), or a first name alone:
        // weighed at acceptance, where it counts against towns but not against countries and regions.
        gr.person_like = !all_proper && (any_proper || all_first_names) && words == 1 && cue < 0.8;
        gr.why = why.str();
        gr.score.assign(mentions[gr.members.front()].candidates.size(), 0.0);
    }

    // ---- candidate scores in context, three rounds
    auto hyps = [&](const Group& gr) -> const std::vector<Hypothesis>& { return mentions[gr.members.front()].candidates; };
    for (Group& gr : groups) {  // round 0: prominence alone
        const auto& h = hyps(gr);
        gr.choice.assign(h.size(), ChoiceVector{});
        for (std::size_t c = 0; c < h.size(); ++c) {
            gr.choice[c][static_cast<std::size_t>(Choice::prior)] = h[c].prior;
            gr.choice[c][static_cast<std::size_t>(Choice::variant)] = h[c].match == MatchKind::variant;
            gr.score[c] = model_.choose(gr.choice[c]);
        }
        gr.best = std::max_element(gr.score.begin(), gr.score.end()) - gr.score.begin();
        gr.f[static_cast<std::size_t>(Evidence::kind)] = kind_weight(h[gr.best]);
        // Before any context, a name that may be a place (a probability of a quarter or more) takes part: what the
        // other places then say decides.
        gr.accepted = model_.accept(gr.f) > kMayBePlaceLogOdds;
    }
    // Two names each of whose candidates include a place beside one of the other's (Edmonton and Enfield, both in
    // north London): namesakes rarely fall together by chance, so each such candidate is supported even before
    // either name is settled. Found once, over the names that may be places, by a sweep in latitude.
    std::vector<std::vector<bool>> beside_namesake(groups.size());
    {
        struct Spot {
            double lat;
            UnitVector u;
            std::uint32_t group, cand, place;
        };
        std::vector<Spot> spots;
        for (std::size_t gi = 0; gi < groups.size(); ++gi) {
            const auto& h = hyps(groups[gi]);
            beside_namesake[gi].assign(h.size(), false);
            if (!groups[gi].accepted) continue;
            for (std::size_t c = 0; c < h.size(); ++c)
                if (h[c].place && !h[c].is_country_or_larger() && !h[c].is_admin())
                    spots.push_back({h[c].location().lat_deg(), UnitVector(h[c].location()), static_cast<std::uint32_t>(gi),
                                     static_cast<std::uint32_t>(c), h[c].place->index()});
        }
        std::sort(spots.begin(), spots.end(), [](const Spot& a, const Spot& b) { return a.lat < b.lat; });
        for (std::size_t i = 0; i < spots.size(); ++i)
            for (std::size_t j = i + 1; j < spots.size() && spots[j].lat - spots[i].lat <= kDeg25km; ++j)
                if (spots[i].group != spots[j].group && spots[i].place != spots[j].place && spots[i].u.dot(spots[j].u) > kCos25km)
                    beside_namesake[spots[i].group][spots[i].cand] = beside_namesake[spots[j].group][spots[j].cand] = true;
    }
    // Each accepted name's current answer, as the others see it. Updated as soon as a name's answer changes, so
    // that two names that support each other settle together instead of swapping places round after round.
    struct Point {
        bool active = false;  // the name is accepted
        UnitVector u;
        std::uint32_t place = UINT32_MAX;  // gazetteer index, or UINT32_MAX
        std::uint32_t admin1 = UINT32_MAX;
        std::string_view country;
        bool is_country = false, is_admin = false;
        double county_reach_cos = 2.0;  // a county's extent as the cosine of its angular radius; 2 for anything else
        double mass = 0;                // what it adds to its country's weight
        bool names_country = false;     // the name is a country's
    };
    std::vector<Point> points(groups.size());
    std::map<std::string, double> country_mass = demonym_mass;
    double total_mass = 0;
    for (const auto& [cc, w] : demonym_mass) total_mass += w;
    std::map<std::string, int, std::less<>> named_countries;  // countries the text names, by how many names
    auto place_point = [&](std::size_t gi) {
        const Group& gr = groups[gi];
        Point& p = points[gi];
        p = Point{};
        if (!gr.accepted) return;
        const Hypothesis& h = hyps(gr)[gr.best];
        p.active = true;
        p.u = UnitVector(h.location());
        if (h.place) {
            p.place = h.place->index();
            if (auto a = h.place->admin1()) p.admin1 = a->index();
        }
        p.country = h.country();
        p.is_country = h.is_country_or_larger();
        p.is_admin = h.is_admin();
        // A county holds the towns within its extent (the index links towns to their state only).
        if (h.is_admin() && h.place->kind() == "A.ADM2")
            p.county_reach_cos = std::cos(std::max(h.place->radius().value(), kMinCountyReachM) / core::kEarthMeanRadius.value());
        p.names_country = h.place && h.place->place_class() == PlaceClass::country;
        if (p.names_country) ++named_countries[std::string(h.country())];
        if (!h.country().empty()) {
            p.mass = static_cast<double>(gr.members.size()) * (h.is_country_or_larger() ? 1.5 : 1.0);
            country_mass[std::string(h.country())] += p.mass;
            total_mass += p.mass;
        }
    };
    auto lift_point = [&](std::size_t gi) {
        Point& p = points[gi];
        if (p.active && p.mass > 0) country_mass[std::string(p.country)] -= p.mass, total_mass -= p.mass;
        if (p.names_country) --named_countries[std::string(p.country)];
        p = Point{};
    };
    for (std::size_t gi = 0; gi < groups.size(); ++gi) place_point(gi);
    auto listed_with_region = [&](const Group& gr, std::string_view country) {
        for (std::size_t i : gr.members)
            for (const int j : {mentions[i].list_prev, mentions[i].list_next}) {
                if (j < 0 || group_of[static_cast<std::size_t>(j)] < 0) continue;
                const Point& p = points[static_cast<std::size_t>(group_of[static_cast<std::size_t>(j)])];
                if (p.active && p.is_admin && p.country == country) return true;
            }
        return false;
    };
    for (int round = 0; round < 3; ++round) {
        for (std::size_t gi = 0; gi < groups.size(); ++gi) {
            Group& gr = groups[gi];
            const auto& h = hyps(gr);
            const std::size_t was_best = gr.best;
            const bool was_accepted = gr.accepted;
            const bool division = gr.f[static_cast<std::size_t>(Evidence::division)] > 0;  // set with the evidence above
            double top_prior = -1e9;
            for (const Hypothesis& cand : h) top_prior = std::max(top_prior, cand.prior);
            const double others = total_mass - points[gi].mass;  // the weight of every other name
            for (std::size_t c = 0; c < h.size(); ++c) {
                const Hypothesis& cand = h[c];
                ChoiceVector& cf = gr.choice[c];
                cf = ChoiceVector{};
                auto set = [&](Choice k, double v) { cf[static_cast<std::size_t>(k)] = v; };
                set(Choice::prior, cand.prior);
                set(Choice::variant, cand.match == MatchKind::variant);
                const std::string cc(cand.country());
                // This name's own weight must not vote for itself.
                const double own = points[gi].country == cand.country() ? points[gi].mass : 0.0;
                if (!cc.empty() && others > 0) {
                    const auto it = country_mass.find(cc);
                    const double mass = (it == country_mass.end() ? 0.0 : it->second) - own;
                    // Smoothed: a lone mention of one country must not move every other name into it ("U.S." once
                    // does not make London a town in Ohio); a text that keeps naming one country does.
                    // A town dwarfed by a namesake (Paris, Texas beside Paris) is written with its state when
                    // meant; the text's country alone lifts it less.
                    const double dwarfed = std::clamp(1.0 - (top_prior - cand.prior - 1.0) / 2.0, 0.3, 1.0);
                    set(Choice::country_share, dwarfed * std::max(0.0, mass) / (others + kCountryMassPrior));
                    // A country the text names outright, however much more it says of another ("in France" in a
                    // Kentucky paper's story of a trip to Paris).
                    const bool self = gr.accepted && points[gi].names_country && points[gi].country == cc;
                    if (const auto n = named_countries.find(cc); n != named_countries.end() && n->second > (self ? 1 : 0))
                        set(Choice::named_country, dwarfed);
                }
                double near = 0;
                // A town named after a region that is itself a candidate here, and a more prominent one (Oregon,
                // Ohio beside the state of Oregon): the region it lies in says less about it.
                const bool namesake_region = cand.is_city() && std::any_of(h.begin(), h.end(), [&](const Hypothesis& o) {
                    return o.is_admin() && o.prior > cand.prior;
                });
                std::uint32_t cand_admin = UINT32_MAX;
                if (cand.place)
                    if (auto a = cand.place->admin1()) cand_admin = a->index();
                const UnitVector cand_u(cand.location());
                // Support from the other places named: by the regions they and this candidate lie in, and by
                // distance. The stronger of the two counts whole, the other half.
                double in_region = 0, proximity = 0;
                // The candidate's kind, read once: the loop below runs for every name the text has.
                const bool cand_admin_region = cand.is_admin(), cand_city = cand.is_city();
                const bool county = cand_admin_region && cand.place->kind() == "A.ADM2";
                const bool by_distance = !cand.is_country_or_larger() && (!cand_admin_region || county);
                const std::uint32_t cand_index = cand.place ? cand.place->index() : UINT32_MAX;
                const std::string_view cand_country = cand.country();
                for (std::size_t pi = 0; pi < points.size(); ++pi) {
                    const Point& p = points[pi];
                    if (pi == gi || !p.active || p.is_country) continue;
                    if (p.is_admin) {
                        if (cand_index != UINT32_MAX && cand_admin == p.place)
                            in_region = std::max(in_region, namesake_region ? 1.0 : 2.0);  // lies in a named region
                        if (cand_admin_region && p.country == cand_country)
                            in_region = std::max(in_region, county && p.admin1 == cand_admin ? 2.0 : 1.5);  // "Ohio, Oregon"; counties of one state
                    }
                    if (cand_admin_region && p.admin1 == cand_index) in_region = std::max(in_region, 1.5);  // contains a named place
                    if (cand_city && cand_admin == p.admin1 && p.county_reach_cos < 1.5 && cand_u.dot(p.u) > p.county_reach_cos)
                        in_region = std::max(in_region, namesake_region ? 1.5 : 2.5);  // lies in a named county
                    // Distance says something between towns and counties, not for first-level regions.
                    if (!by_distance || p.is_admin) continue;
                    const double cos_angle = cand_u.dot(p.u);
                    proximity = std::max(proximity, cos_angle > kCos25km ? 2.0 : cos_angle > kCos150km ? 1.4 : cos_angle > kCos500km ? 0.6 : 0.0);
                }
                if (beside_namesake[gi][c]) proximity = std::max(proximity, kBesideNamesakeSupport);
                near = std::max(in_region, proximity) + 0.5 * std::min(in_region, proximity);
                set(Choice::near, near);
                set(Choice::division, division && cand_admin_region);
                // Listed with regions of its country ("Virginia, Washington, West Virginia and Wyoming").
                set(Choice::listed, cand_admin_region && listed_with_region(gr, cand_country));
                // A foreign country the text says nothing else of, against a region of the country the text is
                // about ("Georgia" in a report from the United States): the region.
                if (cand.place && cand.place->place_class() == PlaceClass::country && others > 0) {
                    const auto own_it = country_mass.find(cc);
                    const double cand_mass = (own_it == country_mass.end() ? 0.0 : own_it->second) - own;
                    const bool region_at_home = std::any_of(h.begin(), h.end(), [&](const Hypothesis& o) {
                        if (!o.is_admin() || o.country() == cand.country()) return false;
                        const auto it = country_mass.find(std::string(o.country()));
                        return it != country_mass.end() && it->second >= 0.5 * others;
                    });
                    set(Choice::foreign, cand_mass <= 0 && region_at_home);
                }
                gr.score[c] = model_.choose(cf);
            }
            gr.best = std::max_element(gr.score.begin(), gr.score.end()) - gr.score.begin();
            // A small country named like its capital (Hong Kong, Singapore): the city is the more precise answer.
            if (h[gr.best].place && h[gr.best].place->place_class() == PlaceClass::country)
                for (std::size_t c = 0; c < h.size(); ++c)
                    if (h[c].place && h[c].place->kind() == "P.PPLC" && h[c].country() == h[gr.best].country() &&
                        core::distance(h[c].location(), h[gr.best].location()).km() < 60)
                        gr.best = c;
            const Hypothesis& b = h[gr.best];
            double context = 0;
            if (!b.country().empty() && total_mass > 0) {
                const auto it = country_mass.find(std::string(b.country()));
                if (it != country_mass.end()) context += std::min(1.5, 3.0 * it->second / total_mass);
            }
            auto set = [&](Evidence e, double v) { gr.f[static_cast<std::size_t>(e)] = v; };
            set(Evidence::person, gr.person_like && !b.is_country_or_larger() && !b.is_admin());
            set(Evidence::kind, kind_weight(b));
            set(Evidence::context, context);
            set(Evidence::support, model_.support(gr.choice[gr.best]));
            gr.accepted = model_.accept(gr.f) > 0.0;
            if (gr.best != was_best || gr.accepted != was_accepted) {
                lift_point(gi);
                place_point(gi);
            }
        }
    }

    // ---- answers for names
    std::vector<std::optional<ResolvedMention>> answers(mentions.size());
    auto fill = [&](ResolvedMention& r, const Mention& m) {
        r.begin = m.begin;
        r.end = m.end;
        r.cp_begin = m.cp_begin;
        r.cp_end = m.cp_end;
        r.text = std::string(text.substr(m.begin, m.end - m.begin));
        r.mention_kind = m.kind;
    };
    auto set_place = [&](ResolvedMention& r, const Hypothesis& h) {
        r.id = h.id();
        r.name = std::string(h.name());
        r.place_class = std::string(h.class_name());
        r.country = std::string(h.country());
        r.location = h.location();
        r.precision = precision_of(h);
    };
    // A member is reported when its name is accepted, unless it sits inside a person's or organisation's name:
    // there it names no place, except where it opens an institution's name ("Metcalfe County Sheriff's Office",
    // "Greater Manchester Police") or a country opens any name ("U.S. Centers for Disease Control"): those name the
    // place's own bodies. "Sputnik Kazakhstan" names a news agency.
    auto reported = [&](const Mention& m, const Hypothesis& best) {
        return !(m.in_proper_name && m.cue == 0 && !(m.leads_name && (m.in_organisation || best.is_country_or_larger()))) && !m.nested;
    };
    if (options.samples)
        for (const Group& gr : groups) {
            NameSample s;
            s.name = mentions[gr.members.front()].key;
            for (std::size_t i : gr.members)
                if (reported(mentions[i], hyps(gr)[gr.best])) s.spans.emplace_back(mentions[i].cp_begin, mentions[i].cp_end);
            s.features = gr.f;
            s.accepted = gr.accepted;
            for (std::size_t c = 0; c < gr.choice.size(); ++c) s.candidates.push_back({hyps(gr)[c].location(), gr.choice[c]});
            s.chosen = gr.best;
            if (!s.spans.empty()) options.samples->push_back(std::move(s));
        }
    for (const Group& gr : groups) {
        if (!gr.accepted) continue;
        const auto& h = hyps(gr);
        double second = -1e9;
        for (std::size_t c = 0; c < h.size(); ++c)
            if (c != gr.best) second = std::max(second, gr.score[c]);
        const double margin = h.size() > 1 ? gr.score[gr.best] - second : 3.0;
        // The model's log-odds that the name is a place, as a probability.
        const double sure = sigmoid(model_.accept(gr.f));
        for (std::size_t i : gr.members) {
            const Mention& m = mentions[i];
            if (!reported(m, h[gr.best])) continue;
            ResolvedMention r;
            fill(r, m);
            set_place(r, h[gr.best]);
            r.confidence = round3(sure * sigmoid(1.5 * margin));
            std::ostringstream why;
            why << r.place_class;
            if (!gr.why.empty()) why << "; " << gr.why;
            if (m.inflected) why << "; base form";
            if (!m.qualified_by.empty()) why << "; in " << m.qualified_by << " (named with it)";
            if (m.alias) why << "; abbreviation";
            if (h.size() > 1) why << "; best of " << h.size() << " by context (margin " << std::round(margin * 10) / 10 << ")";
            r.why = why.str();
            answers[i] = std::move(r);
        }
    }

    // ---- the city in context, for descriptive and feature mentions
    struct CityRef {
        std::uint32_t token;
        Hypothesis city;
    };
    std::vector<CityRef> cities;  // accepted city-level resolutions in text order
    std::map<std::uint32_t, int> city_count;
    for (std::size_t i = 0; i < mentions.size(); ++i) {
        if (group_of[i] < 0) continue;
        const Group& gr = groups[static_cast<std::size_t>(group_of[i])];
        if (!gr.accepted) continue;
        const Hypothesis& h = hyps(gr)[gr.best];
        std::optional<Place> city;
        if (h.is_city()) city = h.place;
        else if (h.place && h.is_fine()) city = h.place->city();
        if (!city) continue;
        cities.push_back({mentions[i].first_token, Hypothesis{city, nullptr, city->prominence(), MatchKind::exact}});
        city_count[city->index()] += mentions[i].all_caps || tokens[mentions[i].first_token].line_start ? 2 : 1;
    }
    std::optional<Hypothesis> focus;
    int focus_n = 0;
    for (const CityRef& c : cities)
        if (city_count[c.city.place->index()] > focus_n) focus_n = city_count[c.city.place->index()], focus = c.city;

    auto city_for = [&](const Mention& m, std::string& how) -> std::optional<Hypothesis> {
        if (m.city_mention >= 0 && answers[static_cast<std::size_t>(m.city_mention)].has_value() == false) {
            const Mention& inner = mentions[static_cast<std::size_t>(m.city_mention)];
            if (group_of[static_cast<std::size_t>(m.city_mention)] >= 0) {
                const Group& gr = groups[static_cast<std::size_t>(group_of[static_cast<std::size_t>(m.city_mention)])];
                const Hypothesis& h = hyps(gr)[gr.best];
                if (h.is_city()) {
                    how = "named with it";
                    return h;
                }
                if (h.is_admin() && h.place) {
                    // "the administration of <region>": the region's seat
                    how = "named with it";
                    for (const Hypothesis& c : inner.candidates)
                        if (c.is_city() && c.country() == h.country()) return c;
                }
            }
        }
        if (!m.city_word) {
            const CityRef* last = nullptr;
            for (const CityRef& c : cities)
                if (c.token < m.first_token) last = &c;
            if (last) {
                how = "last city before it";
                return last->city;
            }
        }
        if (focus) {
            how = "the city the text is about";
            return focus;
        }
        return std::nullopt;
    };

    struct Building {
        std::uint32_t token;
        ResolvedMention answer;
    };
    std::vector<Building> buildings;
    for (std::size_t i = 0; i < mentions.size(); ++i) {
        const Mention& m = mentions[i];
        if (m.kind != MentionKind::descriptive && m.kind != MentionKind::feature) continue;
        std::string target = m.target;
        std::string how;
        ResolvedMention r;
        fill(r, m);
        if (target == "@anaphor") {
            // A bare "headquarters": the institution named just before it, else the building last named.
            std::string inst;
            for (std::size_t k = m.first_token; k-- > 0 && k + 40 > m.first_token;) {
                if (const auto t = lex.institution(tokens[k].lower); !t.empty()) {
                    inst = std::string(t);
                    break;
                }
            }
            if (!inst.empty()) target = inst;
            else if (!buildings.empty() && buildings.back().token + 400 > m.first_token) {
                ResolvedMention prev = buildings.back().answer;
                prev.begin = r.begin, prev.end = r.end, prev.cp_begin = r.cp_begin, prev.cp_end = r.cp_end, prev.text = r.text;
                prev.mention_kind = m.kind;
                prev.confidence = round3(prev.confidence * 0.8);
                prev.why = "refers back to '" + buildings.back().answer.text + "'";
                answers[i] = std::move(prev);
                continue;
            } else {
                continue;
            }
        }
        const auto city = city_for(m, how);
        if (!city) continue;
        const std::string city_name(city->name());
        if (target == "@centre") {
            // A city's centre: where its town hall stands when the gazetteer has it (town halls keep to the
            // historic centre far more often than a gazetteer's city point does), else the city's point.
            set_place(r, *city);
            r.location = city_centre(*city);
            r.why = "centre of " + city_name + " (" + how + ")";
            r.place_class = "district";
            r.precision = core::Meters::kilometers(2);
            r.confidence = 0.7;
        } else if (m.kind == MentionKind::feature || target.empty()) {
            set_place(r, *city);
            r.place_class = "street";
            r.at_city = true;
            r.confidence = 0.4;
            r.why = "named feature not in the gazetteer; placed at " + city_name + " (" + how + ")";
        } else {
            int best_fit = -1;
            int wanted = 0;
            for (const auto clause : split(target, ';')) wanted += clause.front() == '~';
            std::optional<Place> found;
            for (std::uint32_t li : landmarks_in(city->place->index())) {
                const Place lp = g_.place(li);
                const int fit = tag_fit(lp.kind(), target);
                if (fit > best_fit) best_fit = fit, found = lp;
            }
            if (found && best_fit >= wanted) {
                set_place(r, Hypothesis{found, nullptr, found->prominence(), MatchKind::exact});
                r.confidence = 0.75;
                r.why = "landmark '" + target + "' in " + city_name + " (" + how + ")";
            } else {
                // The gazetteer does not have that building (at best another of its kind, such as a district police
                // station for the city's police headquarters): the city, at its centre, and no more precisely.
                set_place(r, *city);
                r.location = city_centre(*city);
                r.place_class = "landmark";
                r.at_city = true;
                r.precision = std::max(r.precision, core::Meters::kilometers(5));
                r.confidence = 0.5;
                r.why = "no landmark of kind '" + target + "' in " + city_name + " in the gazetteer: its centre (" + how + ")";
            }
            r.landmark_kind = target;
            buildings.push_back({m.first_token, r});
        }
        answers[i] = std::move(r);
    }

    if (options.demonyms) {
        for (std::size_t i = 0; i < mentions.size(); ++i) {
            const Mention& m = mentions[i];
            if (m.kind != MentionKind::demonym) continue;
            if (!m.candidates.empty()) {  // a place's adjective
                ResolvedMention r;
                fill(r, m);
                set_place(r, m.candidates.front());
                r.confidence = 0.6;
                r.why = "adjective of " + std::string(m.candidates.front().name());
                answers[i] = std::move(r);
                continue;
            }
            const auto it = countries_.find(m.demonym_country);
            if (it == countries_.end()) continue;
            ResolvedMention r;
            fill(r, m);
            const Place country = g_.place(it->second);
            set_place(r, Hypothesis{country, nullptr, country.prominence(), MatchKind::exact});
            r.confidence = 0.6;
            r.why = "demonym of " + std::string(country.name());
            answers[i] = std::move(r);
        }
    }

    std::vector<ResolvedMention> out;
    for (auto& a : answers)
        if (a) out.push_back(std::move(*a));
    std::sort(out.begin(), out.end(), [](const ResolvedMention& a, const ResolvedMention& b) { return a.cp_begin < b.cp_begin; });
    // No overlaps: keep the longer of two overlapping answers.
    std::vector<ResolvedMention> kept;
    for (auto& r : out) {
        if (!kept.empty() && r.cp_begin < kept.back().cp_end) {
            if (r.cp_end - r.cp_begin > kept.back().cp_end - kept.back().cp_begin) kept.back() = std::move(r);
            continue;
        }
        kept.push_back(std::move(r));
    }
    return kept;
}

}  // namespace incidentmap::gazetteer

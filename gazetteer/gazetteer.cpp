#include "gazetteer/gazetteer.hpp"

#include "core/error.hpp"
#include "gazetteer/detail/edit_distance.hpp"
#include "gazetteer/detail/index_format.hpp"
#include "gazetteer/name_folding.hpp"
#include "gazetteer/source_place.hpp"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace incidentmap::gazetteer {

using namespace detail;

// ---------------------------------------------------------------- Place

Place::Place(const Gazetteer& g, std::uint32_t index) : g_(&g), index_(index) {}
const PlaceRecord& Place::record() const { return g_->places_[index_]; }

PlaceSource Place::source() const { return static_cast<PlaceSource>(record().source); }
std::int64_t Place::source_id() const { return record().source_id; }
std::string_view Place::name() const { return g_->str(record().name); }
PlaceClass Place::place_class() const { return static_cast<PlaceClass>(record().place_class); }
std::string_view Place::kind() const { return g_->str(record().kind); }
core::LatLon Place::location() const { return core::LatLon::e7(record().lat_e7, record().lon_e7); }
std::uint64_t Place::population() const { return record().population; }
core::Meters Place::radius() const { return core::Meters(record().radius_m); }
float Place::prominence() const { return record().prominence; }

std::string_view Place::country() const {
    const auto& r = record();
    return r.country[0] ? std::string_view(r.country, 2) : std::string_view();
}

std::optional<Place> Place::admin1() const {
    if (record().admin1 == kNone) return std::nullopt;
    return Place(*g_, record().admin1);
}

std::optional<Place> Place::city() const {
    if (record().city == kNone) return std::nullopt;
    return Place(*g_, record().city);
}

std::vector<PlaceName> Place::names() const {
    std::vector<PlaceName> out;
    const auto& r = record();
    for (std::uint32_t i = r.names_begin; i < r.names_begin + r.names_count; ++i) {
        const NameRecord& n = g_->names_[i];
        out.push_back({g_->str(n.text), std::string_view(n.lang, strnlen(n.lang, 3)), n.flags});
    }
    return out;
}

std::string Place::id() const {
    switch (source()) {
        case PlaceSource::geonames: return "geonames:" + std::to_string(source_id());
        case PlaceSource::osm: {
            static const char* kTypes[] = {"node", "way", "relation", "?"};
            return std::string("osm:") + kTypes[static_cast<int>(osm_type_of(source_id()))] + "/" + std::to_string(osm_id_of(source_id()));
        }
        case PlaceSource::landmark_table: return "landmark:" + std::string(g_->str(record().ref));
        case PlaceSource::country_table: return "country:" + std::string(country());
        case PlaceSource::admin1_table: return "admin1:" + std::string(g_->str(record().ref));
        case PlaceSource::admin2_table: return "admin2:" + std::string(g_->str(record().ref));
    }
    return "?";
}

std::string_view to_string(MatchKind m) {
    switch (m) {
        case MatchKind::exact: return "exact";
        case MatchKind::variant: return "variant";
        case MatchKind::prefix: return "prefix";
        case MatchKind::fuzzy: return "fuzzy";
    }
    return "?";
}

// ---------------------------------------------------------------- opening

namespace {

[[noreturn]] void corrupt(const std::filesystem::path& p, const std::string& why) {
    throw core::InputError(p.string(), "not a usable gazetteer index: " + why + " (rebuild it with 'incidentmap gazetteer build')");
}

template <typename T>
std::span<const T> section(const std::byte* base, const Header& h, Section s) {
    return {reinterpret_cast<const T*>(base + h.sections[s].offset), h.sections[s].size / sizeof(T)};
}

}  // namespace

Gazetteer Gazetteer::open(const std::filesystem::path& path) {
    core::io::MappedFile file(path);
    const auto bytes = file.bytes();
    if (bytes.size() < sizeof(Header)) corrupt(path, "file too short to hold a header (" + std::to_string(bytes.size()) + " bytes)");
    Header h;
    std::memcpy(&h, bytes.data(), sizeof h);
    if (std::memcmp(h.magic, kIndexMagic, sizeof kIndexMagic) != 0) corrupt(path, "wrong magic number");
    if (h.version != kIndexVersion)
        corrupt(path, "format version " + std::to_string(h.version) + ", this program reads version " + std::to_string(kIndexVersion));
    const std::uint64_t stored = h.header_checksum;
    h.header_checksum = 0;
    if (XXH3_64bits(&h, sizeof h) != stored) corrupt(path, "header checksum mismatch");
    if (h.file_size != bytes.size())
        corrupt(path, "truncated or extended: header says " + std::to_string(h.file_size) + " bytes, file has " + std::to_string(bytes.size()));
    if (XXH3_64bits(bytes.data() + sizeof h, bytes.size() - sizeof h) != h.body_checksum) corrupt(path, "body checksum mismatch");
    for (std::uint32_t s = 0; s < kSectionCount; ++s) {
        const SectionRef r = h.sections[s];
        if (r.offset < sizeof h || r.offset > bytes.size() || r.size > bytes.size() - r.offset || r.offset % 8)
            corrupt(path, "section " + std::to_string(s) + " lies outside the file");
    }
    return Gazetteer(std::move(file));
}

Gazetteer::Gazetteer(core::io::MappedFile file) : file_(std::move(file)) {
    const std::byte* base = file_.bytes().data();
    header_ = reinterpret_cast<const Header*>(base);
    const Header& h = *header_;
    places_ = section<PlaceRecord>(base, h, kPlaces);
    strings_ = section<char>(base, h, kStrings);
    names_ = section<NameRecord>(base, h, kNames);
    exact_ = section<KeyRecord>(base, h, kExactKeys);
    exact_hash_ = section<HashSlot>(base, h, kExactHash);
    skeleton_ = section<KeyRecord>(base, h, kSkeletonKeys);
    skeleton_hash_ = section<HashSlot>(base, h, kSkeletonHash);
    if (strings_.empty() || strings_.back() != '\0' || exact_hash_.size() & (exact_hash_.size() - 1) ||
        skeleton_hash_.size() & (skeleton_hash_.size() - 1) || exact_hash_.empty() || skeleton_hash_.empty())
        corrupt(file_.path(), "inconsistent sections");
    validate_records();
}

// The checksums refuse a damaged file, not a crafted one: every offset and index a lookup follows is checked once
// here (a pass over the records, a few milliseconds for the default index), so that none can point outside the
// mapping later.
void Gazetteer::validate_records() const {
    const std::size_t strings = strings_.size(), places = places_.size(), names = names_.size();
    auto fail = [&](const char* what, std::size_t i) {
        corrupt(file_.path(), std::string(what) + " " + std::to_string(i) + " points outside its section");
    };
    for (std::size_t i = 0; i < places; ++i) {
        const PlaceRecord& r = places_[i];
        if (r.name >= strings || r.kind >= strings || r.ref >= strings || r.names_begin > names ||
            r.names_count > names - r.names_begin || (r.admin1 != kNone && r.admin1 >= places) ||
            (r.city != kNone && r.city >= places))
            fail("place", i);
        if (!core::LatLon::try_e7(r.lat_e7, r.lon_e7) || r.source > static_cast<std::uint8_t>(PlaceSource::admin2_table) ||
            r.place_class > static_cast<std::uint8_t>(PlaceClass::natural) || !std::isfinite(r.prominence))
            corrupt(file_.path(), "place " + std::to_string(i) + " has an impossible location, source, class or rank");
    }
    for (std::size_t i = 0; i < names; ++i)
        if (names_[i].text >= strings) fail("name", i);
    for (const auto keys : {exact_, skeleton_})
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (keys[i].key >= strings || keys[i].name >= strings || keys[i].place >= places || !std::isfinite(keys[i].prominence))
                fail("key", i);
}

std::filesystem::path Gazetteer::default_path() {
    if (const char* env = std::getenv("INCIDENTMAP_GAZETTEER"); env && *env) return env;
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return "gazetteer.imgz";
    const auto beside = exe.parent_path() / "gazetteer.imgz";
    if (std::filesystem::exists(beside, ec)) return beside;
    const auto installed = exe.parent_path().parent_path() / "share" / "incidentmap" / "gazetteer.imgz";
    if (std::filesystem::exists(installed, ec)) return installed;
    return beside;  // not there either: opening it gives the user a message with this path
}

std::size_t Gazetteer::size() const { return places_.size(); }

Gazetteer::Info Gazetteer::info() const {
    const Header& h = *header_;
    return {h.version, h.file_size, h.built_unix_time, h.place_count, h.name_count, h.exact_key_count,
            h.skeleton_key_count, std::string(h.sources, strnlen(h.sources, sizeof h.sources))};
}

// ---------------------------------------------------------------- lookup

std::span<const KeyRecord> Gazetteer::run(std::span<const KeyRecord> keys, std::span<const HashSlot> hash, std::string_view key,
                                          std::uint64_t h) const {
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    const std::uint64_t mask = hash.size() - 1;
    // At most one probe per slot: a table with no empty slot (only a crafted file has one) ends the search too.
    for (std::uint64_t b = h & mask, probes = 0; probes < hash.size(); b = (b + 1) & mask, ++probes) {
        const HashSlot slot = hash[b];
        if (slot.first == 0 || slot.first > keys.size()) return {};
        if (slot.tag != tag) continue;
        const std::uint32_t first = slot.first - 1;
        // The stored key matches when its first key.size() bytes are the query's and a NUL follows: no strlen.
        const std::uint32_t at = keys[first].key;
        if (at >= strings_.size() || strings_.size() - at <= key.size() ||
            std::memcmp(strings_.data() + at, key.data(), key.size()) != 0 || strings_[at + key.size()] != '\0')
            continue;
        std::size_t last = first + 1;
        while (last < keys.size() && keys[last].key == keys[first].key) ++last;
        return keys.subspan(first, last - first);
    }
    return {};
}

std::string_view Candidate::matched_name() const { return place.g_->str(name_); }

std::vector<Candidate> Gazetteer::lookup(std::string_view name, const LookupOptions& options) const {
    thread_local const NameFolder folder;
    return lookup_folded(folder.fold(name), options);
}

std::vector<Candidate> Gazetteer::lookup_folded(const std::string& key, const LookupOptions& options) const {
    std::vector<Candidate> out;
    if (key.empty() || options.limit == 0) return out;
    out.reserve(16);
    // Runs are sorted by prominence: without a filter or a point to re-rank by, the first `limit` places of a run
    // are the best it has, and common names (hundreds of villages) need not be scanned.
    const bool reranked = options.near.has_value() || options.country.has_value();

    auto consider = [&](const KeyRecord& k, MatchKind match, double penalty) {
        if (options.country) {
            const PlaceRecord& r = places_[k.place];
            if (options.country->size() != 2 || std::memcmp(r.country, options.country->data(), 2) != 0) return;
        }
        Candidate c(Place(*this, k.place), k.name, match, k.prominence - penalty);
        if (options.near) {
            const core::Meters d = core::distance(*options.near, c.place.location());
            c.distance = d;
            c.score -= 1.5 * std::log1p(d.km() / 20.0);
        }
        for (Candidate& o : out)  // candidates are few: a scan beats a hash map here
            if (o.place.index() == k.place) {
                if (o.score < c.score) o = c;
                return;
            }
        out.push_back(c);
    };
    auto consider_run = [&](std::span<const KeyRecord> keys, MatchKind match, double penalty) {
        if (!reranked && keys.size() > options.limit) keys = keys.first(options.limit);
        for (const KeyRecord& k : keys) consider(k, match, penalty);
    };

    // Both probes miss the cache (the tables are tens of megabytes): start the second load before the first lookup.
    const std::string sk = skeleton(key);
    const std::uint64_t exact_hash = XXH3_64bits(key.data(), key.size());
    const std::uint64_t skeleton_hash = XXH3_64bits(sk.data(), sk.size());
    __builtin_prefetch(&skeleton_hash_[skeleton_hash & (skeleton_hash_.size() - 1)]);
    consider_run(run(exact_, exact_hash_, key, exact_hash), MatchKind::exact, 0.0);
    consider_run(run(skeleton_, skeleton_hash_, sk, skeleton_hash), MatchKind::variant, 0.7);

    if (options.prefix || options.fuzzy) {
        // Keys are sorted: names starting with the query (prefix) or with its first letters (fuzzy) are contiguous.
        const std::size_t head = options.prefix ? key.size() : std::min<std::size_t>(key.size(), 2);
        const std::string_view stem(key.data(), head);
        auto lo = std::lower_bound(exact_.begin(), exact_.end(), stem,
                                   [&](const KeyRecord& k, std::string_view s) { return str(k.key) < s; });
        const int max_edits = key.size() <= 4 ? 1 : key.size() <= 8 ? 2 : 3;
        const detail::EditDistance distance(options.fuzzy ? key : std::string_view());
        std::size_t budget = options.prefix ? options.limit * 200 : 200000;
        std::uint32_t last_key = kNone;
        int last_distance = 0;
        for (auto it = lo; it != exact_.end() && budget > 0; ++it, --budget) {
            if (options.fuzzy && !options.prefix && it->key == last_key) {  // same key as the record before
                if (last_distance <= max_edits) consider(*it, MatchKind::fuzzy, 5.0 * last_distance);
                continue;
            }
            const std::string_view k = str(it->key);
            if (!k.starts_with(stem)) break;
            if (k == key) continue;
            if (options.prefix && k.starts_with(key)) {
                consider(*it, MatchKind::prefix, 1.0 + 0.05 * static_cast<double>(k.size() - key.size()));
            } else if (options.fuzzy) {
                // A run shares one key string: compute its distance once.
                if (it->key != last_key) last_key = it->key, last_distance = distance(k, max_edits);
                // An edit costs more than prominence can buy back: a typo of "Almaty" must not become a country.
                if (last_distance <= max_edits) consider(*it, MatchKind::fuzzy, 5.0 * last_distance);
            }
        }
    }

    std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
        if (a.score != b.score) return a.score > b.score;
        return a.place.index() < b.place.index();
    });
    if (out.size() > options.limit) out.erase(out.begin() + static_cast<std::ptrdiff_t>(options.limit), out.end());
    return out;
}

}  // namespace incidentmap::gazetteer

#include "gazetteer/index_builder.hpp"

#include "core/error.hpp"
#include "core/io/atomic_output.hpp"
#include "gazetteer/detail/index_format.hpp"
#include "gazetteer/name_folding.hpp"

#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <thread>
#include <exception>

namespace incidentmap::gazetteer {

using namespace detail;

namespace {

// A (folded or skeleton) key of one place's name, as the folding workers produce it: 16 bytes, the size of the
// KeyRecord it becomes in place (KeySlot), so that turning 50 million keys into records needs no second array.
struct KeyItem {
    std::uint32_t key;    // offset in the worker's key arena
    std::uint32_t place;
    std::uint32_t name;   // builder arena offset of the name it came from
    std::uint16_t len;
    std::uint8_t worker;
    std::uint8_t unused;
};
union KeySlot {
    KeyItem item;
    KeyRecord record;
};
static_assert(sizeof(KeyItem) == sizeof(KeyRecord) && sizeof(KeySlot) == sizeof(KeyRecord));

// Keys longer than this are not names (GeoNames has a few URLs and descriptions in its name columns).
constexpr std::size_t kMaxKeyBytes = 255;

std::uint64_t next_pow2(std::uint64_t n) {
    std::uint64_t p = 1;
    while (p < n) p <<= 1;
    return p;
}

// Writes sections sequentially, hashing what goes after the header.
class SectionWriter {
public:
    explicit SectionWriter(const std::filesystem::path& path) : out_(path, std::ios::binary | std::ios::trunc), path_(path) {
        if (!out_) throw core::Error(path.string() + ": cannot create the index file");
        XXH3_64bits_reset(state_);
        const Header blank{};
        out_.write(reinterpret_cast<const char*>(&blank), sizeof blank);
        pos_ = sizeof blank;
    }
    ~SectionWriter() { XXH3_freeState(state_); }

    SectionRef write(const void* data, std::size_t size) {
        const SectionRef start = begin_section();
        append(data, size);
        return end_section(start);
    }
    // A section written in pieces: begin_section(), append()..., end_section().
    SectionRef begin_section() {
        pad();
        return {pos_, 0};
    }
    void append(const void* data, std::size_t size) { put(data, size); }
    SectionRef end_section(SectionRef start) const { return {start.offset, pos_ - start.offset}; }
    std::uint64_t finish(Header& h) {
        pad();
        h.file_size = pos_;
        h.body_checksum = XXH3_64bits_digest(state_);
        h.header_checksum = 0;
        h.header_checksum = XXH3_64bits(&h, sizeof h);
        out_.seekp(0);
        out_.write(reinterpret_cast<const char*>(&h), sizeof h);
        out_.close();
        if (!out_) throw core::Error(path_.string() + ": write failed (disk full?)");
        return pos_;
    }

private:
    void put(const void* data, std::size_t size) {
        out_.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
        XXH3_64bits_update(state_, data, size);
        pos_ += size;
    }
    void pad() {
        static const char zeros[8] = {};
        if (pos_ % 8) put(zeros, 8 - pos_ % 8);
    }

    std::ofstream out_;
    std::filesystem::path path_;
    XXH3_state_t* state_ = XXH3_createState();
    std::uint64_t pos_ = 0;
};

}  // namespace

IndexBuilder::IndexBuilder() : arena_(1, '\0') {}

std::uint32_t IndexBuilder::store(std::string_view s) {
    if (s.empty()) return 0;
    if (arena_.size() + s.size() + 1 > 0xF0000000u) throw core::Error("gazetteer: names exceed the index's 4 GB string pool; split the input");
    const auto off = static_cast<std::uint32_t>(arena_.size());
    arena_.append(s);
    arena_.push_back('\0');
    return off;
}

std::string_view IndexBuilder::text(std::uint32_t offset) const { return std::string_view(arena_.data() + offset); }

std::uint32_t IndexBuilder::add(SourcePlace&& p) {
    if (places_.size() >= kNoPlace - 1) throw core::Error("gazetteer: more than 4 billion places");
    const auto index = static_cast<std::uint32_t>(places_.size());
    BuildPlace b;
    b.source_id = p.source_id;
    b.location = p.location;
    b.population = static_cast<std::uint32_t>(std::min<std::uint64_t>(p.population, 0xFFFFFFFFu));
    b.radius_m = static_cast<std::uint32_t>(std::clamp(p.radius.value(), 0.0, 4.0e9));
    b.name = store(p.name);
    auto [it, inserted] = kinds_.try_emplace(p.kind, 0);
    if (inserted) it->second = store(p.kind);
    b.kind = it->second;
    b.ref = store(p.ref);
    b.admin1_code = store(p.admin1);
    if (p.country.size() == 2) std::memcpy(b.country, p.country.data(), 2);
    b.source = p.source;
    b.place_class = p.place_class;
    places_.push_back(b);
    if (p.source == PlaceSource::geonames) {
        if (!geonames_by_id_.empty() && places_[geonames_by_id_.back()].source_id >= p.source_id) geonames_sorted_ = false;
        geonames_by_id_.push_back(index);
    }
    for (const auto& n : p.names) add_name(index, n);
    return index;
}

void IndexBuilder::add_name(std::uint32_t place, const SourceName& n) {
    if (n.text.empty()) return;
    BuildName b{place, store(n.text), {0, 0, 0}, n.flags};
    std::memcpy(b.lang, n.lang.data(), std::min<std::size_t>(n.lang.size(), 3));
    names_.push_back(b);
}

std::optional<std::uint32_t> IndexBuilder::find_geonames(std::int64_t geonameid) const {
    auto id_of = [&](std::uint32_t i) { return places_[i].source_id; };
    if (!geonames_sorted_) {  // dumps are in id order, so this runs only for inputs that are not
        std::sort(geonames_by_id_.begin(), geonames_by_id_.end(), [&](std::uint32_t a, std::uint32_t b) { return id_of(a) < id_of(b); });
        geonames_sorted_ = true;
    }
    const auto it = std::lower_bound(geonames_by_id_.begin(), geonames_by_id_.end(), geonameid,
                                     [&](std::uint32_t i, std::int64_t id) { return id_of(i) < id; });
    if (it == geonames_by_id_.end() || id_of(*it) != geonameid) return std::nullopt;
    return *it;
}

IndexBuilder::Stats IndexBuilder::write(const std::filesystem::path& path, std::string_view sources, const Progress& progress) {
    auto report = [&](double f) {
        if (progress) progress(f);
    };
    // Each section goes to the file as soon as it is complete and its memory is released, so that the peak stays
    // near the size of the places, the names and one key table (a full GeoNames dump builds in under 4 GB).
    core::io::AtomicOutput output(path);
    SectionWriter w(output.temp_path());
    Header h{};
    Stats stats;
    stats.places = places_.size();
    stats.names = names_.size();

    // Names grouped by place (alternate-name files add them out of order): a counting sort straight into the
    // records the file holds.
    std::vector<std::uint32_t> names_begin(places_.size() + 1, 0);
    for (const auto& n : names_) ++names_begin[n.place + 1];
    for (std::size_t i = 1; i < names_begin.size(); ++i) names_begin[i] += names_begin[i - 1];
    std::vector<NameRecord> names(names_.size());
    {
        std::vector<std::uint32_t> next(names_begin.begin(), names_begin.end() - 1);
        for (const auto& n : names_) {
            NameRecord& r = names[next[n.place]++];
            r.text = n.text;
            std::memcpy(r.lang, n.lang, 3);
            r.flags = n.flags;
        }
        std::vector<BuildName>().swap(names_);
        h.sections[kNames] = w.write(names.data(), names.size() * sizeof(NameRecord));
    }
    report(0.05);

    // Fold every name on every core. Each worker owns a NameFolder (ICU transliterators are not thread-safe), a
    // key arena, and a slice of the two key tables sized for the most its places can produce (one key per name).
    const unsigned workers = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
    const std::size_t capacity = places_.size() + stats.names;
    std::vector<KeySlot> exact(capacity), skel(capacity);
    std::vector<std::string> arenas(workers);
    std::vector<std::size_t> slice_begin(workers + 1), exact_end(workers), skel_end(workers);
    const std::size_t per = (places_.size() + workers - 1) / workers;
    auto place_range = [&](unsigned wk) { return std::pair{std::min(places_.size(), wk * per), std::min(places_.size(), (wk + 1) * per)}; };
    for (unsigned wk = 0; wk < workers; ++wk) {
        const auto [b, e] = place_range(wk);
        slice_begin[wk + 1] = slice_begin[wk] + (e - b) + (names_begin[e] - names_begin[b]);
    }
    auto fold_range = [&](unsigned wk) {
        const auto [begin, end] = place_range(wk);
        NameFolder folder;
        std::string& arena = arenas[wk];
        std::size_t ne = slice_begin[wk], ns = slice_begin[wk];
        // A place has few names: a scan beats hashing. Each key a place has is kept once, with the slot it went to.
        std::vector<std::pair<std::string, std::size_t>> seen_exact, seen_skeleton;
        auto emit = [&](std::vector<KeySlot>& table, std::size_t& at, const std::string& key, std::size_t place, std::uint32_t name) {
            if (arena.size() + key.size() + 1 > 0xFFFFFFFFu) throw core::Error("gazetteer: a folding worker's keys exceed 4 GB");
            table[at++].item = {static_cast<std::uint32_t>(arena.size()), static_cast<std::uint32_t>(place), name,
                                static_cast<std::uint16_t>(key.size()), static_cast<std::uint8_t>(wk), 0};
            arena += key;
            arena.push_back('\0');
        };
        // A key once per place, with the first of its names that fold to it; but a name in Latin, Greek or Cyrillic
        // script replaces one that the key met only through transliteration, so that "Боливия" is reported as
        // matching itself and not Amharic "ቦሊቪያ", which folds alike.
        auto keep = [&](std::vector<KeySlot>& table, std::size_t& at, std::vector<std::pair<std::string, std::size_t>>& seen,
                        const std::string& key, std::size_t place, std::uint32_t name) {
            const auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == key; });
            if (it == seen.end()) {
                seen.emplace_back(key, at);
                emit(table, at, key, place, name);
            } else if (KeyItem& kept = table[it->second].item;
                       in_transliterated_script(text(kept.name)) && !in_transliterated_script(text(name))) {
                kept.name = name;
            }
        };
        for (std::size_t p = begin; p < end; ++p) {
            seen_exact.clear();
            seen_skeleton.clear();
            auto add = [&](std::uint32_t name) {
                std::string key = folder.fold(text(name));
                if (key.empty() || key.size() > kMaxKeyBytes) return;
                std::string sk = skeleton(key);
                keep(exact, ne, seen_exact, key, p, name);
                if (!sk.empty()) keep(skel, ns, seen_skeleton, sk, p, name);
            };
            add(places_[p].name);
            for (std::uint32_t i = names_begin[p]; i < names_begin[p + 1]; ++i) add(names[i].text);
        }
        exact_end[wk] = ne;
        skel_end[wk] = ns;
    };
    {
        std::vector<std::thread> threads;
        std::vector<std::exception_ptr> failures(workers);
        for (unsigned wk = 0; wk < workers; ++wk)
            threads.emplace_back([&, wk] {
                try {
                    fold_range(wk);
                } catch (...) {
                    failures[wk] = std::current_exception();
                }
            });
        for (auto& t : threads) t.join();
        for (auto& f : failures)
            if (f) std::rethrow_exception(f);
    }
    std::vector<NameRecord>().swap(names);
    // Close the gaps the slices left (places whose names fold to fewer keys than they have names).
    auto compact = [&](std::vector<KeySlot>& table, const std::vector<std::size_t>& ends) {
        std::size_t to = 0;
        for (unsigned wk = 0; wk < workers; ++wk) {
            std::memmove(static_cast<void*>(table.data() + to), table.data() + slice_begin[wk], (ends[wk] - slice_begin[wk]) * sizeof(KeySlot));
            to += ends[wk] - slice_begin[wk];
        }
        table.resize(to);
        table.shrink_to_fit();
    };
    compact(exact, exact_end);
    compact(skel, skel_end);
    stats.exact_keys = exact.size();
    stats.skeleton_keys = skel.size();
    report(0.5);

    auto key_of = [&](const KeyItem& k) { return std::string_view(arenas[k.worker].data() + k.key, k.len); };

    // Sort both tables by key (one per core): the sort compares key bytes only, and the few runs of equal keys are
    // then ordered by prominence, which saves the comparisons a random access into the places each.
    auto sort_by_key = [&](std::vector<KeySlot>& table) {
        std::sort(table.begin(), table.end(), [&](const KeySlot& a, const KeySlot& b) { return key_of(a.item) < key_of(b.item); });
    };
    {
        std::thread other([&] { sort_by_key(skel); });
        sort_by_key(exact);
        other.join();
    }
    report(0.7);

    // Turn the items into records in place, one run of equal keys at a time, and index the runs by hash. Each
    // distinct key is copied once into the string pool, in sorted order: prefix and fuzzy lookups scan keys in
    // that order and read them sequentially. The pool is the builder's arena, the exact keys, the skeleton keys.
    std::string exact_pool, skeleton_pool;
    auto write_keys = [&](std::vector<KeySlot>& table, std::string& key_pool, std::uint64_t pool_base, Section keys_section,
                          Section hash_section) {
        std::vector<std::uint32_t> runs;  // index of each run's first record
        for (std::size_t i = 0; i < table.size();) {
            const std::string_view key = key_of(table[i].item);
            std::size_t j = i + 1;
            while (j < table.size() && key_of(table[j].item) == key) ++j;
            if (j - i > 1)
                std::sort(table.begin() + static_cast<std::ptrdiff_t>(i), table.begin() + static_cast<std::ptrdiff_t>(j),
                          [&](const KeySlot& a, const KeySlot& b) {
                              const float pa = places_[a.item.place].prominence, pb = places_[b.item.place].prominence;
                              return pa != pb ? pa > pb : a.item.place < b.item.place;
                          });
            if (pool_base + key_pool.size() + key.size() + 1 >= 0xFFFFFFF0ull)
                throw core::Error("gazetteer: names and keys exceed the index's 4 GB string pool; split the input");
            const auto key_offset = static_cast<std::uint32_t>(pool_base + key_pool.size());
            key_pool.append(key);
            key_pool.push_back('\0');
            runs.push_back(static_cast<std::uint32_t>(i));
            for (std::size_t k = i; k < j; ++k) {
                const KeyItem item = table[k].item;
                table[k].record = KeyRecord{key_offset, item.place, item.name, places_[item.place].prominence};
            }
            i = j;
        }
        std::vector<HashSlot> hash(next_pow2(std::max<std::size_t>(16, runs.size() * 2)), HashSlot{0, 0});
        const std::uint64_t mask = hash.size() - 1;
        for (const std::uint32_t first : runs) {
            const std::string_view key(key_pool.data() + (table[first].record.key - pool_base));
            const std::uint64_t key_hash = XXH3_64bits(key.data(), key.size());
            for (std::uint64_t b = key_hash & mask;; b = (b + 1) & mask)
                if (hash[b].first == 0) {
                    hash[b] = {first + 1, static_cast<std::uint32_t>(key_hash >> 32)};
                    break;
                }
        }
        h.sections[keys_section] = w.write(table.data(), table.size() * sizeof(KeySlot));
        std::vector<KeySlot>().swap(table);
        h.sections[hash_section] = w.write(hash.data(), hash.size() * sizeof(HashSlot));
    };
    write_keys(exact, exact_pool, arena_.size(), kExactKeys, kExactHash);
    report(0.8);
    write_keys(skel, skeleton_pool, arena_.size() + exact_pool.size(), kSkeletonKeys, kSkeletonHash);
    std::vector<std::string>().swap(arenas);
    report(0.9);

    {
        const SectionRef start = w.begin_section();
        std::vector<PlaceRecord> chunk;
        chunk.reserve(1 << 16);
        for (std::size_t i = 0; i < places_.size(); ++i) {
            const BuildPlace& b = places_[i];
            PlaceRecord& r = chunk.emplace_back();
            r.source_id = b.source_id;
            r.lat_e7 = b.location.lat_e7();
            r.lon_e7 = b.location.lon_e7();
            r.population = b.population;
            r.radius_m = b.radius_m;
            r.name = b.name;
            r.kind = b.kind;
            r.ref = b.ref;
            r.names_begin = names_begin[i];
            r.names_count = static_cast<std::uint16_t>(std::min<std::uint32_t>(names_begin[i + 1] - names_begin[i], 0xFFFF));
            r.admin1 = b.admin1;
            r.city = b.city;
            r.prominence = b.prominence;
            std::memcpy(r.country, b.country, 2);
            r.source = static_cast<std::uint8_t>(b.source);
            r.place_class = static_cast<std::uint8_t>(b.place_class);
            if (chunk.size() == chunk.capacity() || i + 1 == places_.size()) {
                w.append(chunk.data(), chunk.size() * sizeof(PlaceRecord));
                chunk.clear();
            }
        }
        h.sections[kPlaces] = w.end_section(start);
    }
    {
        const SectionRef start = w.begin_section();
        w.append(arena_.data(), arena_.size());
        w.append(exact_pool.data(), exact_pool.size());
        w.append(skeleton_pool.data(), skeleton_pool.size());
        h.sections[kStrings] = w.end_section(start);
    }

    std::memcpy(h.magic, kIndexMagic, sizeof kIndexMagic);
    h.version = kIndexVersion;
    h.header_size = sizeof(Header);
    h.built_unix_time = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    h.place_count = static_cast<std::uint32_t>(stats.places);
    h.name_count = static_cast<std::uint32_t>(stats.names);
    h.exact_key_count = static_cast<std::uint32_t>(stats.exact_keys);
    h.skeleton_key_count = static_cast<std::uint32_t>(stats.skeleton_keys);
    std::strncpy(h.sources, std::string(sources).c_str(), sizeof h.sources - 1);
    stats.file_bytes = w.finish(h);
    output.commit();

    places_.clear();
    places_.shrink_to_fit();
    arena_.assign(1, '\0');
    geonames_by_id_.clear();
    kinds_.clear();
    report(1.0);
    return stats;
}

}  // namespace incidentmap::gazetteer

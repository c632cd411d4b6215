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
#include <unordered_set>

namespace incidentmap::gazetteer {

using namespace detail;

namespace {

struct KeyItem {
    std::uint64_t key;  // offset in the worker's key arena (made global after the merge)
    std::uint32_t len;
    std::uint32_t place;
    std::uint64_t name;  // builder arena offset
};

struct FoldOutput {
    std::string arena;
    std::vector<KeyItem> exact;
    std::vector<KeyItem> skeleton;
};

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
        pad();
        const SectionRef ref{pos_, size};
        put(data, size);
        return ref;
    }
    std::uint64_t finish(Header& h) {
        pad();
        h.file_size = pos_;
        h.body_checksum = XXH3_64bits_digest(state_);
        h.header_checksum = 0;
        h.header_checksum = XXH3_64bits(&h, sizeof h);
        out_.seekp(0);
        out_.write(reinterpret_cast<const char*>(&h), sizeof h);
        out_.flush();
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

std::uint64_t IndexBuilder::store(std::string_view s) {
    if (s.empty()) return 0;
    const std::uint64_t off = arena_.size();
    arena_.append(s);
    arena_.push_back('\0');
    return off;
}

std::string_view IndexBuilder::text(std::uint64_t offset) const { return std::string_view(arena_.data() + offset); }

std::uint32_t IndexBuilder::add(SourcePlace&& p) {
    if (places_.size() >= kNoPlace - 1) throw core::Error("gazetteer: more than 4 billion places");
    const auto index = static_cast<std::uint32_t>(places_.size());
    BuildPlace b;
    b.source_id = p.source_id;
    b.location = p.location;
    b.population = p.population;
    b.radius_m = static_cast<std::uint32_t>(std::clamp(p.radius.value(), 0.0, 4.0e9));
    b.name = store(p.name);
    auto [it, inserted] = kinds_.try_emplace(p.kind, 0);
    if (inserted) it->second = store(p.kind);
    b.kind = it->second;
    b.ref = store(p.ref);
    b.admin1_code = store(p.admin1);
    b.city_geonameid = p.city_geonameid;
    if (p.country.size() == 2) std::memcpy(b.country, p.country.data(), 2);
    b.source = p.source;
    b.place_class = p.place_class;
    places_.push_back(b);
    if (p.source == PlaceSource::geonames) geonames_.emplace(p.source_id, index);
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
    const auto it = geonames_.find(geonameid);
    if (it == geonames_.end()) return std::nullopt;
    return it->second;
}

IndexBuilder::Stats IndexBuilder::write(const std::filesystem::path& path, std::string_view sources, const Progress& progress) {
    auto report = [&](double f) {
        if (progress) progress(f);
    };
    // Names grouped by place, in the order they were added.
    std::stable_sort(names_.begin(), names_.end(), [](const BuildName& a, const BuildName& b) { return a.place < b.place; });
    std::vector<std::uint32_t> names_begin(places_.size() + 1, 0);
    for (const auto& n : names_) ++names_begin[n.place + 1];
    for (std::size_t i = 1; i < names_begin.size(); ++i) names_begin[i] += names_begin[i - 1];
    report(0.05);

    // Fold every name on every core; each worker owns a NameFolder (ICU transliterators are not thread-safe).
    const unsigned workers = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
    std::vector<FoldOutput> outputs(workers);
    auto fold_range = [&](unsigned w, std::size_t begin, std::size_t end) {
        NameFolder folder;
        FoldOutput& out = outputs[w];
        std::unordered_set<std::string> seen_exact, seen_skeleton;
        auto emit = [&](std::vector<KeyItem>& items, const std::string& key, std::uint32_t place, std::uint64_t name) {
            items.push_back({out.arena.size(), static_cast<std::uint32_t>(key.size()), place, name});
            out.arena += key;
        };
        for (std::size_t p = begin; p < end; ++p) {
            seen_exact.clear();
            seen_skeleton.clear();
            auto add = [&](std::uint64_t name) {
                std::string key = folder.fold(text(name));
                if (key.empty()) return;
                std::string sk = skeleton(key);
                if (seen_exact.insert(key).second) emit(out.exact, key, static_cast<std::uint32_t>(p), name);
                if (!sk.empty() && seen_skeleton.insert(sk).second) emit(out.skeleton, sk, static_cast<std::uint32_t>(p), name);
            };
            add(places_[p].name);
            for (std::uint32_t i = names_begin[p]; i < names_begin[p + 1]; ++i) add(names_[i].text);
        }
    };
    {
        std::vector<std::thread> threads;
        const std::size_t per = (places_.size() + workers - 1) / workers;
        for (unsigned w = 0; w < workers; ++w)
            threads.emplace_back(fold_range, w, std::min(places_.size(), w * per), std::min(places_.size(), (w + 1) * per));
        for (auto& t : threads) t.join();
    }
    report(0.5);

    // Merge the workers' key arenas into one and sort the keys.
    std::string keys;
    std::vector<KeyItem> exact, skel;
    for (auto& o : outputs) {
        const std::uint64_t base = keys.size();
        keys += o.arena;
        for (auto k : o.exact) k.key += base, exact.push_back(k);
        for (auto k : o.skeleton) k.key += base, skel.push_back(k);
        o = FoldOutput{};
    }
    auto key_of = [&](const KeyItem& k) { return std::string_view(keys.data() + k.key, k.len); };
    auto order = [&](const KeyItem& a, const KeyItem& b) {
        if (const int c = key_of(a).compare(key_of(b)); c != 0) return c < 0;
        if (places_[a.place].prominence != places_[b.place].prominence)
            return places_[a.place].prominence > places_[b.place].prominence;
        return a.place < b.place;
    };
    std::sort(exact.begin(), exact.end(), order);
    report(0.7);
    std::sort(skel.begin(), skel.end(), order);
    report(0.8);

    // String pool: the arena, then each distinct key once.
    std::string pool = arena_;
    auto build_keys = [&](const std::vector<KeyItem>& items, std::vector<KeyRecord>& records, std::vector<std::uint32_t>& hash) {
        records.reserve(items.size());
        std::vector<std::uint32_t> run_starts;
        std::uint32_t key_off = 0;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i == 0 || key_of(items[i]) != key_of(items[i - 1])) {
                key_off = static_cast<std::uint32_t>(pool.size());
                pool.append(key_of(items[i]));
                pool.push_back('\0');
                run_starts.push_back(static_cast<std::uint32_t>(i));
            }
            records.push_back({key_off, items[i].place, static_cast<std::uint32_t>(items[i].name), places_[items[i].place].prominence});
        }
        hash.assign(next_pow2(std::max<std::size_t>(16, run_starts.size() * 2)), 0);
        const std::uint64_t mask = hash.size() - 1;
        for (std::uint32_t start : run_starts) {
            const auto k = key_of(items[start]);
            for (std::uint64_t b = XXH3_64bits(k.data(), k.size()) & mask;; b = (b + 1) & mask)
                if (hash[b] == 0) {
                    hash[b] = start + 1;
                    break;
                }
        }
    };
    std::vector<KeyRecord> exact_records, skeleton_records;
    std::vector<std::uint32_t> exact_hash, skeleton_hash;
    build_keys(exact, exact_records, exact_hash);
    build_keys(skel, skeleton_records, skeleton_hash);
    if (pool.size() >= 0xFFFFFFF0ull) throw core::Error("gazetteer: string pool exceeds 4 GB; split the input");
    report(0.9);

    std::vector<PlaceRecord> places(places_.size());
    for (std::size_t i = 0; i < places_.size(); ++i) {
        const BuildPlace& b = places_[i];
        PlaceRecord& r = places[i];
        r = PlaceRecord{};
        r.source_id = b.source_id;
        r.lat_e7 = b.location.lat_e7();
        r.lon_e7 = b.location.lon_e7();
        r.population = static_cast<std::uint32_t>(std::min<std::uint64_t>(b.population, 0xFFFFFFFFu));
        r.radius_m = b.radius_m;
        r.name = static_cast<std::uint32_t>(b.name);
        r.kind = static_cast<std::uint32_t>(b.kind);
        r.ref = static_cast<std::uint32_t>(b.ref);
        r.names_begin = names_begin[i];
        r.names_count = static_cast<std::uint16_t>(std::min<std::uint32_t>(names_begin[i + 1] - names_begin[i], 0xFFFF));
        r.admin1 = b.admin1;
        r.city = b.city;
        r.prominence = b.prominence;
        std::memcpy(r.country, b.country, 2);
        r.source = static_cast<std::uint8_t>(b.source);
        r.place_class = static_cast<std::uint8_t>(b.place_class);
    }
    std::vector<NameRecord> names(names_.size());
    for (std::size_t i = 0; i < names_.size(); ++i) {
        names[i].text = static_cast<std::uint32_t>(names_[i].text);
        std::memcpy(names[i].lang, names_[i].lang, 3);
        names[i].flags = names_[i].flags;
    }

    core::io::AtomicOutput output(path);
    Header h{};
    std::memcpy(h.magic, kIndexMagic, sizeof kIndexMagic);
    h.version = kIndexVersion;
    h.header_size = sizeof(Header);
    h.built_unix_time = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    h.place_count = static_cast<std::uint32_t>(places.size());
    h.name_count = static_cast<std::uint32_t>(names.size());
    h.exact_key_count = static_cast<std::uint32_t>(exact_records.size());
    h.skeleton_key_count = static_cast<std::uint32_t>(skeleton_records.size());
    std::strncpy(h.sources, std::string(sources).c_str(), sizeof h.sources - 1);
    Stats stats{places.size(), names.size(), exact_records.size(), skeleton_records.size(), 0};
    {
        SectionWriter w(output.temp_path());
        h.sections[kPlaces] = w.write(places.data(), places.size() * sizeof(PlaceRecord));
        h.sections[kStrings] = w.write(pool.data(), pool.size());
        h.sections[kNames] = w.write(names.data(), names.size() * sizeof(NameRecord));
        h.sections[kExactKeys] = w.write(exact_records.data(), exact_records.size() * sizeof(KeyRecord));
        h.sections[kExactHash] = w.write(exact_hash.data(), exact_hash.size() * sizeof(std::uint32_t));
        h.sections[kSkeletonKeys] = w.write(skeleton_records.data(), skeleton_records.size() * sizeof(KeyRecord));
        h.sections[kSkeletonHash] = w.write(skeleton_hash.data(), skeleton_hash.size() * sizeof(std::uint32_t));
        stats.file_bytes = w.finish(h);
    }
    output.commit();
    report(1.0);
    return stats;
}

}  // namespace incidentmap::gazetteer

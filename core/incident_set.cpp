#include "core/incident_set.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <iterator>
#include <numeric>
#include <tuple>

namespace incidentmap::core {

// Why length classes: sorted by start, a binary search finds the incidents that start before `to`, but which of
// them end after `from` depends on their length. With a single "longest span" bound, one year-long incident would
// make every query scan a year of one-minute incidents. Grouping spans by the power of two of their length keeps the
// bound tight within each group: a span of class k lasts at least half the class's longest, so the members scanned
// and rejected are only those that start in a window one class length wide before `from`.

namespace {

constexpr std::uint8_t kNoEventType = IncidentSet::kUnknownEventType;
constexpr std::int64_t kUnknownStart = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kUnknownEnd = std::numeric_limits<std::int64_t>::min();

std::int32_t figure(const std::optional<int>& v) { return v ? *v : -1; }
std::optional<int> figure(std::int32_t v) { return v < 0 ? std::nullopt : std::optional<int>(v); }

void check(const Incident& incident) {
    if (auto problem = find_problem(incident))
        throw InvalidIncident("incident '" + incident.id + "': " + *problem);
}

// What is done to every column, for the two kinds of column.
template <typename T>
void permute(std::vector<T>& column, const std::vector<std::uint32_t>& order) {
    std::vector<T> out;
    out.reserve(column.size());
    for (std::uint32_t i : order) out.push_back(std::move(column[i]));
    column = std::move(out);
}
void permute(TextColumn& column, const std::vector<std::uint32_t>& order) { column.permute(order); }

template <typename T>
void move_entry(std::vector<T>& column, std::size_t from, std::size_t to) {
    if (from > to) std::rotate(column.begin() + to, column.begin() + from, column.begin() + from + 1);
    else if (from < to) std::rotate(column.begin() + from, column.begin() + from + 1, column.begin() + to + 1);
}
void move_entry(TextColumn& column, std::size_t from, std::size_t to) { column.move(from, to); }

template <typename T>
void append_column(std::vector<T>& column, std::vector<T>& more) {
    column.insert(column.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    more.clear();
}
void append_column(TextColumn& column, TextColumn& more) { column.append(std::move(more)); }

// The columns of many parts joined into the first part's column, grown once to the final size: if the first part
// was reserved for all (a reader that knows the count), only the others are copied.
template <typename T, typename Parts, typename Member>
void join_column(std::vector<T>& column, Parts& parts, Member member) {
    std::size_t n = 0;
    for (auto& p : parts) n += (p.*member).size();
    column = std::move(parts.front().*member);
    column.reserve(n);
    for (std::size_t i = 1; i < parts.size(); ++i) append_column(column, parts[i].*member);
}
template <typename Parts, typename Member>
void join_column(TextColumn& column, Parts& parts, Member member) {
    std::size_t n = 0, bytes = 0;
    for (auto& p : parts) n += (p.*member).size(), bytes += (p.*member).bytes();
    column = std::move(parts.front().*member);
    column.reserve(n, bytes);
    for (std::size_t i = 1; i < parts.size(); ++i) append_column(column, parts[i].*member);
}

// A list of actors as one text: each name after its length in four bytes (names may hold any character).
std::string encode_actors(const std::vector<std::string>& actors) {
    std::string out;
    for (const std::string& a : actors) {
        const auto n = static_cast<std::uint32_t>(a.size());
        out.append(reinterpret_cast<const char*>(&n), sizeof n);
        out.append(a);
    }
    return out;
}
std::vector<std::string> decode_actors(std::string_view s) {
    std::vector<std::string> out;
    while (s.size() >= sizeof(std::uint32_t)) {
        std::uint32_t n = 0;
        std::memcpy(&n, s.data(), sizeof n);
        s.remove_prefix(sizeof n);
        out.emplace_back(s.substr(0, n));
        s.remove_prefix(std::min<std::size_t>(n, s.size()));
    }
    return out;
}

}  // namespace

// Every column, once: a column missing here would fall out of step with the others.
constexpr auto IncidentSet::columns() {
    return std::tuple{
    &IncidentSet::start_, &IncidentSet::end_, &IncidentSet::precision_, &IncidentSet::location_, &IncidentSet::located_,
    &IncidentSet::severity_, &IncidentSet::event_type_, &IncidentSet::violent_, &IncidentSet::manual_correction_,
    &IncidentSet::fatalities_, &IncidentSet::fatalities_min_, &IncidentSet::injured_, &IncidentSet::arrested_,
    &IncidentSet::geo_precision_, &IncidentSet::uncertainty_m_, &IncidentSet::confidence_, &IncidentSet::span_begin_,
    &IncidentSet::span_end_, &IncidentSet::mention_begin_, &IncidentSet::mention_end_, &IncidentSet::id_, &IncidentSet::sub_event_type_, &IncidentSet::place_name_,
    &IncidentSet::place_id_, &IncidentSet::country_, &IncidentSet::admin1_, &IncidentSet::quote_, &IncidentSet::language_,
    &IncidentSet::source_, &IncidentSet::actors_};
}

template <typename F>
void IncidentSet::for_each_column(F&& f) {
    std::apply([&](auto... column) { (f(this->*column), ...); }, columns());
}

template <typename F>
void IncidentSet::for_each_column_with(IncidentSet& other, F&& f) {
    std::apply([&](auto... column) { (f(this->*column, other.*column), ...); }, columns());
}

void IncidentSet::push_back(const Incident& in) {
    if (size() >= std::numeric_limits<std::uint32_t>::max()) throw std::length_error("IncidentSet: more than 2^32-1 incidents");
    const bool known = in.time.is_known();
    start_.push_back(known ? in.time.start().time_since_epoch().count() : kUnknownStart);
    end_.push_back(known ? in.time.end().time_since_epoch().count() : kUnknownEnd);
    precision_.push_back(in.time.precision());
    location_.push_back(in.location.value_or(LatLon{}));
    located_.push_back(in.location.has_value());
    severity_.push_back(in.severity);
    event_type_.push_back(in.event_type ? static_cast<std::uint8_t>(*in.event_type) : kNoEventType);
    violent_.push_back(in.violent);
    manual_correction_.push_back(in.manual_correction);
    fatalities_.push_back(figure(in.fatalities));
    fatalities_min_.push_back(figure(in.fatalities_min));
    injured_.push_back(figure(in.injured));
    arrested_.push_back(figure(in.arrested));
    geo_precision_.push_back(static_cast<std::uint8_t>(in.geo_precision.value_or(0)));
    uncertainty_m_.push_back(in.uncertainty_m ? in.uncertainty_m->value() : std::nan(""));
    confidence_.push_back(in.confidence.value_or(std::nan("")));
    span_begin_.push_back(in.source_span ? in.source_span->begin : -1);
    span_end_.push_back(in.source_span ? in.source_span->end : -1);
    mention_begin_.push_back(in.mention_span ? in.mention_span->begin : -1);
    mention_end_.push_back(in.mention_span ? in.mention_span->end : -1);
    id_.push_back(in.id);
    sub_event_type_.push_back(in.sub_event_type);
    place_name_.push_back(in.place_name);
    place_id_.push_back(in.place_id);
    country_.push_back(in.country);
    admin1_.push_back(in.admin1);
    quote_.push_back(in.quote);
    language_.push_back(in.language);
    source_.push_back(in.source);
    actors_.push_back(in.actors.empty() ? std::string() : encode_actors(in.actors));
}

Incident IncidentSet::incident(std::size_t i) const {
    if (i >= size()) throw std::out_of_range("IncidentSet: index " + std::to_string(i) + " of " + std::to_string(size()));
    Incident in;
    in.id = std::string(id_[i]);
    in.time = time(i);
    in.event_type = event_type(i);
    in.sub_event_type = std::string(sub_event_type_[i]);
    in.actors = decode_actors(actors_[i]);
    in.violent = violent_[i] != 0;
    in.fatalities = figure(fatalities_[i]);
    in.fatalities_min = figure(fatalities_min_[i]);
    in.injured = figure(injured_[i]);
    in.arrested = figure(arrested_[i]);
    in.severity = severity_[i];
    if (located_[i]) in.location = location_[i];
    if (geo_precision_[i] != 0) in.geo_precision = geo_precision_[i];
    if (!std::isnan(uncertainty_m_[i])) in.uncertainty_m = Meters(uncertainty_m_[i]);
    in.place_name = std::string(place_name_[i]);
    in.place_id = std::string(place_id_[i]);
    in.country = std::string(country_[i]);
    in.admin1 = std::string(admin1_[i]);
    in.quote = std::string(quote_[i]);
    if (span_begin_[i] >= 0) in.source_span = CodePointSpan{span_begin_[i], span_end_[i]};
    if (mention_begin_[i] >= 0) in.mention_span = CodePointSpan{mention_begin_[i], mention_end_[i]};
    in.language = std::string(language_[i]);
    if (!std::isnan(confidence_[i])) in.confidence = confidence_[i];
    in.source = std::string(source_[i]);
    in.manual_correction = manual_correction_[i] != 0;
    return in;
}

TimeSpan IncidentSet::time(std::size_t i) const {
    if (i >= size()) throw std::out_of_range("IncidentSet: index " + std::to_string(i) + " of " + std::to_string(size()));
    if (precision_[i] == TimePrecision::unknown) return TimeSpan::unknown();
    return TimeSpan::between(Seconds{std::chrono::seconds{start_[i]}}, Seconds{std::chrono::seconds{end_[i]}}, precision_[i]);
}

std::optional<EventType> IncidentSet::event_type(std::size_t i) const {
    const std::uint8_t e = event_type_.at(i);
    if (e == kNoEventType) return std::nullopt;
    return static_cast<EventType>(e);
}

std::size_t IncidentSet::add(const Incident& incident) {
    check(incident);
    push_back(incident);
    // Move the new last row to its place: after the known incidents that start at or before it, or last.
    std::size_t pos = size() - 1;
    if (incident.time.is_known()) {
        pos = static_cast<std::size_t>(std::upper_bound(start_.begin(), start_.begin() + known_, start_.back()) - start_.begin());
        for_each_column([pos, last = size() - 1](auto& col) { move_entry(col, last, pos); });
        ++known_;
    }
    rebuild_length_classes();
    return pos;
}

void IncidentSet::add(std::span<const Incident> incidents) {
    for (const Incident& in : incidents) check(in);
    reserve(size() + incidents.size());
    for (const Incident& in : incidents) push_back(in);
    sort_and_index();
}

void IncidentSet::add(std::vector<Incident>&& incidents) {
    for (const Incident& in : incidents) check(in);
    reserve(size() + incidents.size());
    for (const Incident& in : incidents) push_back(in);
    incidents.clear();
    sort_and_index();
}

void IncidentSet::add(IncidentSet&& other) {
    if (other.empty()) return;
    if (empty()) {
        *this = std::move(other);
        other.clear();
        return;
    }
    reserve(size() + other.size());
    for_each_column_with(other, [](auto& mine, auto& theirs) { append_column(mine, theirs); });
    other.clear();
    sort_and_index();
}

void IncidentSet::Builder::add(const Incident& incident) {
    check(incident);
    set_.push_back(incident);
}

IncidentSet::Builder IncidentSet::Builder::joined(std::vector<Builder>&& parts) {
    std::vector<IncidentSet> sets;
    sets.reserve(parts.size());
    for (Builder& b : parts) sets.push_back(std::move(b.set_));
    parts.clear();
    Builder out;
    if (sets.empty()) return out;
    std::apply([&](auto... column) { (join_column(out.set_.*column, sets, column), ...); }, columns());
    return out;
}

IncidentSet IncidentSet::Builder::take() && {
    set_.sort_and_index();
    return std::move(set_);
}

void IncidentSet::clear() {
    for_each_column([](auto& col) { col.clear(); });
    known_ = 0;
    rebuild_length_classes();
}

void IncidentSet::reserve(std::size_t n) {
    for_each_column([n](auto& col) { col.reserve(n); });
}

void IncidentSet::sort_and_index() {
    std::vector<std::uint32_t> order(size());
    std::iota(order.begin(), order.end(), 0u);
    // Unknown times carry kUnknownStart, so they sort last; stable keeps the order added among equals.
    std::stable_sort(order.begin(), order.end(), [this](std::uint32_t a, std::uint32_t b) { return start_[a] < start_[b]; });
    if (!std::is_sorted(order.begin(), order.end())) for_each_column([&order](auto& col) { permute(col, order); });
    known_ = static_cast<std::size_t>(std::count_if(precision_.begin(), precision_.end(),
                                                    [](TimePrecision p) { return p != TimePrecision::unknown; }));
    rebuild_length_classes();
}

void IncidentSet::rebuild_length_classes() {
    std::array<LengthClass, 64> classes{};
    max_end_ = kUnknownEnd;
    for (std::size_t i = 0; i < known_; ++i) {
        const std::int64_t length = end_[i] - start_[i];  // > 0: a known TimeSpan ends after it starts
        LengthClass& c = classes[std::bit_width(static_cast<std::uint64_t>(length)) - 1];
        c.max_length = std::max(c.max_length, length);
        c.members.push_back(static_cast<std::uint32_t>(i));
        max_end_ = std::max(max_end_, end_[i]);
    }
    length_classes_.clear();
    for (auto& c : classes)
        if (!c.members.empty()) length_classes_.push_back(std::move(c));
}

void IncidentSet::set_location(std::size_t i, LatLon location) {
    if (i >= size()) throw std::out_of_range("IncidentSet: index " + std::to_string(i) + " of " + std::to_string(size()));
    location_[i] = location;
    located_[i] = 1;
    manual_correction_[i] = 1;
}

std::size_t IncidentSet::replace(std::size_t i, const Incident& incident) {
    if (i >= size()) throw std::out_of_range("IncidentSet: index " + std::to_string(i) + " of " + std::to_string(size()));
    check(incident);
    // Move row i to the end, overwrite it there, and let add()'s placement put it back in order.
    for_each_column([i, last = size() - 1](auto& col) { move_entry(col, i, last); });
    if (i < known_) --known_;
    for_each_column([](auto& col) { col.pop_back(); });
    return add(incident);
}

std::optional<IncidentSet::TimeRange> IncidentSet::time_range() const {
    if (known_ == 0) return std::nullopt;
    return TimeRange{Seconds{std::chrono::seconds{start_[0]}}, Seconds{std::chrono::seconds{max_end_}}};
}

IncidentSet::IndexRange IncidentSet::starting_in(Seconds from, Seconds to) const {
    const auto first = start_.begin(), last = start_.begin() + known_;
    const auto b = std::lower_bound(first, last, from.time_since_epoch().count());
    const auto e = std::lower_bound(b, last, std::max(from, to).time_since_epoch().count());
    return {static_cast<std::size_t>(b - first), static_cast<std::size_t>(e - first)};
}

std::vector<std::size_t> IncidentSet::time_window(Seconds from, Seconds to) const {
    std::vector<std::size_t> out;
    time_window(from, to, out);
    return out;
}

void IncidentSet::time_window(Seconds from, Seconds to, std::vector<std::size_t>& out) const {
    out.clear();
    if (!(from < to)) return;
    const std::int64_t f = from.time_since_epoch().count(), t = to.time_since_epoch().count();
    if (known_ > 0 && f <= start_[0]) {
        // Every incident starts at or after `from`, so each one that starts before `to` overlaps: a prefix (the
        // viewer's accumulate mode asks this every frame while playing, over up to all the incidents).
        const std::size_t n = starting_in(from, to).end;
        out.resize(n);
        for (std::size_t i = 0; i < n; ++i) out[i] = i;
        return;
    }
    for (const LengthClass& c : length_classes_) {
        // A member overlaps only if start > f - max_length (it ends by start + max_length) and start < t.
        const std::int64_t after = f < std::numeric_limits<std::int64_t>::min() + c.max_length
                                       ? std::numeric_limits<std::int64_t>::min()
                                       : f - c.max_length;
        const auto first = std::partition_point(c.members.begin(), c.members.end(),
                                                [&](std::uint32_t j) { return start_[j] <= after; });
        const auto last = std::partition_point(first, c.members.end(), [&](std::uint32_t j) { return start_[j] < t; });
        for (auto it = first; it != last; ++it)
            if (end_[*it] > f) out.push_back(*it);
    }
    if (length_classes_.size() > 1) std::sort(out.begin(), out.end());
}

}  // namespace incidentmap::core

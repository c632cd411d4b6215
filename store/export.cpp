#include "store/export.hpp"

#include "core/error.hpp"
#include "core/gdal.hpp"
#include "core/io/exchange_tables.hpp"
#include "core/io/incident_io.hpp"
#include "core/io/incident_layer.hpp"

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace incidentmap::store {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// A table of a PostGIS database, written in one transaction.
class PostgisTable {
public:
    PostgisTable(const std::string& target, const std::string& table)
        : target_(target), ds_(core::gdal::Dataset::open(target, GDAL_OF_VECTOR | GDAL_OF_UPDATE, {}, {"PostgreSQL"})) {
        const bool project = ds_.get().GetLayerByName("readings") && ds_.get().GetLayerByName("sources");
        if (project && (table == "incidents" || table == "readings" || table == "sources" || table == "project"))
            throw core::InputError(target, "holds an incidentmap project, whose table " + table +
                                               " is not an export target: name another table with --table");
        core::gdal::ErrorCapture capture;
        if (ds_.get().StartTransaction() != OGRERR_NONE)
            throw core::Error(target + ": cannot start a transaction: " + capture.message());
        open_ = true;
        const OGRSpatialReference wgs84 = core::gdal::wgs84();
        layer_.emplace(ds_.create_layer(table, wkbPoint, &wgs84, {"OVERWRITE=YES", "FID=fid", "GEOMETRY_NAME=geom"}));
        fields_.emplace(core::io::IncidentFields::create(*layer_));
    }
    ~PostgisTable() {
        if (open_) ds_.get().RollbackTransaction();
    }

    void add(const core::Incident& incident) {
        OGRFeature f(layer_->get().GetLayerDefn());
        fields_->fill(f, incident);
        layer_->create_feature(f);
    }
    void commit() {
        core::gdal::ErrorCapture capture;
        open_ = false;
        if (ds_.get().CommitTransaction() != OGRERR_NONE)
            throw core::Error(target_ + ": cannot commit the export: " + capture.message());
    }

private:
    std::string target_;
    core::gdal::Dataset ds_;
    std::optional<core::gdal::Layer> layer_;
    std::optional<core::io::IncidentFields> fields_;
    bool open_ = false;
};

}  // namespace

bool Selection::keeps(const core::Incident& in) const {
    if (from || to) {
        if (!in.time.is_known()) return false;
        if (from && !(in.time.end() > *from)) return false;
        if (to && !(in.time.start() < *to)) return false;
    }
    if (min_severity && core::rank(in.severity) < core::rank(*min_severity)) return false;
    if (bbox) {
        if (!in.location) return false;
        const double lat = in.location->lat_deg(), lon = in.location->lon_deg();
        if (lat < bbox->south || lat > bbox->north) return false;
        const bool across = bbox->west > bbox->east;
        if (across ? (lon < bbox->west && lon > bbox->east) : (lon < bbox->west || lon > bbox->east)) return false;
    }
    if (!countries.empty()) {
        const std::string c = lower(in.country);
        if (std::none_of(countries.begin(), countries.end(), [&](const std::string& k) { return lower(k) == c; })) return false;
    }
    if (!event_types.empty()) {
        if (!in.event_type || std::find(event_types.begin(), event_types.end(), *in.event_type) == event_types.end()) return false;
    }
    return true;
}

struct ExportTarget::Impl {
    std::optional<core::io::IncidentWriter> file;
    std::optional<core::io::ExchangeWriter> table;
    std::optional<PostgisTable> postgis;
};

ExportTarget::ExportTarget(const std::string& target, ExportLayout layout, const std::string& driver, const std::string& table)
    : impl_(std::make_unique<Impl>()) {
    if (layout != ExportLayout::incidents) {
        if (Project::is_connection(target))
            throw core::InputError(target, "ACLED and UCDP layouts are CSV files: give a .csv path");
        impl_->table.emplace(target, layout == ExportLayout::acled ? core::io::ExchangeLayout::acled : core::io::ExchangeLayout::ucdp);
    } else if (Project::is_connection(target)) {
        impl_->postgis.emplace(target, table);
    } else {
        impl_->file.emplace(target, driver);
    }
}

ExportTarget::~ExportTarget() = default;

void ExportTarget::add(const StoredIncident& s) {
    if (impl_->table) impl_->table->add({s.incident, s.fatalities_low, s.fatalities_high});
    else if (impl_->postgis) impl_->postgis->add(s.incident);
    else impl_->file->add(s.incident);
}

void ExportTarget::commit() {
    if (impl_->table) impl_->table->commit();
    else if (impl_->postgis) impl_->postgis->commit();
    else impl_->file->commit();
}

void overlapped(const std::function<void(const IncidentSink&)>& scan, const IncidentSink& take) {
    constexpr std::size_t kChunk = 256;  // incidents handed over at a time: one lock per chunk, not per incident
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::vector<StoredIncident>> chunks;
    // Chunks taken go back to the producer to be freed: their texts were allocated on its thread, and freeing them
    // there keeps a tenth of the writer's time (glibc frees across threads slowly) off the thread that sets the pace.
    std::vector<std::vector<StoredIncident>> spent;
    bool done = false, stop = false;
    std::exception_ptr scan_error;
    struct Stopped {};  // thrown inside scan when take has failed

    std::thread producer([&] {
        std::vector<StoredIncident> chunk;
        std::vector<std::vector<StoredIncident>> to_free;
        auto hand_over = [&] {
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return stop || chunks.size() * kChunk < kOverlapBuffered; });
                if (stop) throw Stopped{};
                chunks.push_back(std::move(chunk));
                to_free.swap(spent);
                changed.notify_all();
            }
            chunk.clear();
            to_free.clear();  // outside the lock
        };
        try {
            scan([&](StoredIncident&& s) {
                chunk.push_back(std::move(s));
                if (chunk.size() == kChunk) hand_over();
            });
            if (!chunk.empty()) hand_over();
        } catch (const Stopped&) {
        } catch (...) {
            std::lock_guard lock(mutex);
            scan_error = std::current_exception();
        }
        std::lock_guard lock(mutex);
        done = true;
        changed.notify_all();
    });

    try {
        for (;;) {
            std::vector<StoredIncident> chunk;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return !chunks.empty() || done; });
                if (chunks.empty()) break;
                chunk = std::move(chunks.front());
                chunks.pop_front();
                changed.notify_all();
            }
            for (StoredIncident& s : chunk) take(std::move(s));
            std::lock_guard lock(mutex);
            if (!done) spent.push_back(std::move(chunk));  // else freed here: the producer is gone
        }
    } catch (...) {
        {
            std::lock_guard lock(mutex);
            stop = true;
            changed.notify_all();
        }
        producer.join();
        throw;
    }
    producer.join();
    if (scan_error) std::rethrow_exception(scan_error);
}

void export_incidents(std::span<const StoredIncident> incidents, const std::string& target, ExportLayout layout,
                      const std::string& driver, const std::string& table) {
    ExportTarget out(target, layout, driver, table);
    for (const StoredIncident& s : incidents) out.add(s);
    out.commit();
}

}  // namespace incidentmap::store

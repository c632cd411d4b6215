#include "core/gdal.hpp"

#include <cpl_conv.h>
#include <cpl_string.h>

#include <algorithm>
#include <mutex>
#include <string>

namespace incidentmap::core::gdal {

namespace {

// GDAL wants a NULL-terminated char* array for options.
class Options {
public:
    explicit Options(const std::vector<std::string>& opts) {
        for (const auto& o : opts) list_ = CSLAddString(list_, o.c_str());
    }
    ~Options() { CSLDestroy(list_); }
    Options(const Options&) = delete;
    Options& operator=(const Options&) = delete;
    char** get() const { return list_; }

private:
    char** list_ = nullptr;
};

std::string failure_text(const ErrorCapture& capture, const char* fallback) {
    std::string m = capture.message();
    return m.empty() ? fallback : m;
}

GDALDriver& driver_by_name(const std::string& name, const std::string& path) {
    ensure_initialized();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(name.c_str());
    if (!driver) throw DatasetOpenError(path, "GDAL has no driver named '" + name + "'");
    return *driver;
}

}  // namespace

void ensure_initialized() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // PostgreSQL tables are filled with COPY rather than an INSERT a row (about four times faster for a project's
        // batches), unless the user set it otherwise.
        if (!CPLGetConfigOption("PG_USE_COPY", nullptr)) CPLSetConfigOption("PG_USE_COPY", "YES");
    });
}

std::string version() { return GDALVersionInfo("--version"); }

bool is_remote(std::string_view s) {
    return s.starts_with("http://") || s.starts_with("https://") || s.starts_with("ftp://") || s.starts_with("/vsicurl");
}

void bound_network_reads(int timeout_s) {
    timeout_s = std::max(1, timeout_s);
    auto set_default = [](const char* key, const std::string& value) {
        if (!CPLGetConfigOption(key, nullptr)) CPLSetConfigOption(key, value.c_str());
    };
    set_default("GDAL_HTTP_TIMEOUT", std::to_string(timeout_s));
    set_default("GDAL_HTTP_CONNECTTIMEOUT", std::to_string(std::min(5, timeout_s)));
    set_default("GDAL_HTTP_MAX_RETRY", "0");
}

OGRSpatialReference wgs84() {
    OGRSpatialReference srs;
    srs.importFromEPSG(4326);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

ErrorCapture::ErrorCapture() {
    CPLPushErrorHandlerEx(&ErrorCapture::handler, this);
}

ErrorCapture::~ErrorCapture() { CPLPopErrorHandler(); }

void CPL_STDCALL ErrorCapture::handler(CPLErr level, CPLErrorNum, const char* msg) {
    auto* self = static_cast<ErrorCapture*>(CPLGetErrorHandlerUserData());
    if (!self || !msg) return;
    if (level >= CE_Failure) self->failures_.emplace_back(msg);
    else if (level == CE_Warning) self->warnings_.emplace_back(msg);
}

std::string ErrorCapture::message() const {
    const auto& list = failures_.empty() ? warnings_ : failures_;
    std::string out;
    for (const auto& m : list) {
        if (!out.empty()) out += "; ";
        out += m;
    }
    return out;
}

void Layer::create_field(const std::string& name, OGRFieldType type, int width, OGRFieldSubType subtype) {
    ErrorCapture capture;
    OGRFieldDefn defn(name.c_str(), type);
    if (width > 0) defn.SetWidth(width);
    defn.SetSubType(subtype);
    if (layer_->CreateField(&defn) != OGRERR_NONE)
        throw Error(dataset_path_ + ": cannot create field '" + name + "' in layer '" + this->name() +
                    "': " + failure_text(capture, "GDAL gave no reason"));
}

void Layer::create_feature(OGRFeature& feature) {
    ErrorCapture capture;
    if (layer_->CreateFeature(&feature) != OGRERR_NONE)
        throw Error(dataset_path_ + ": cannot write a feature to layer '" + name() +
                    "': " + failure_text(capture, "GDAL gave no reason"));
}

CoordinateTransformation transformation(const OGRSpatialReference& source, const OGRSpatialReference& target,
                                        const std::string& what) {
    ErrorCapture capture;
    CoordinateTransformation ct(OGRCreateCoordinateTransformation(&source, &target));
    if (!ct) {
        const char* name = source.GetName();
        throw CrsError(what, std::string("cannot transform from ") + (name ? name : "its CRS") + " to " +
                                 (target.GetName() ? target.GetName() : "the target CRS") + ": " +
                                 failure_text(capture, "GDAL gave no reason"));
    }
    return ct;
}

Dataset Dataset::open_with(const std::string& path, unsigned int flags, const char* what, const char* fallback,
                           const std::vector<std::string>& open_options, const std::vector<std::string>& drivers) {
    ensure_initialized();
    ErrorCapture capture;
    Options opts(open_options);
    Options allowed(drivers);
    auto* ds = GDALDataset::Open(path.c_str(), flags | GDAL_OF_VERBOSE_ERROR, drivers.empty() ? nullptr : allowed.get(), opts.get());
    if (!ds) throw DatasetOpenError(path, std::string(what) + ": " + failure_text(capture, fallback));
    return Dataset(ds, path);
}

Dataset Dataset::open(const std::string& path, unsigned int kinds, const std::vector<std::string>& open_options,
                      const std::vector<std::string>& drivers) {
    return open_with(path, kinds | GDAL_OF_READONLY, "cannot open", "not a format GDAL recognises", open_options, drivers);
}

Dataset Dataset::open_update(const std::string& path, unsigned int kinds) {
    return open_with(path, kinds | GDAL_OF_UPDATE, "cannot open for update", "not a format GDAL can update");
}

Dataset Dataset::create_vector(const std::string& driver, const std::string& path, const std::vector<std::string>& options) {
    GDALDriver& drv = driver_by_name(driver, path);
    ErrorCapture capture;
    Options opts(options);
    auto* ds = drv.Create(path.c_str(), 0, 0, 0, GDT_Unknown, opts.get());
    // A write that fails is no fault of the input (exit 1); a missing directory was caught before (AtomicOutput).
    if (!ds) throw Error(path + ": cannot create " + driver + " dataset: " + failure_text(capture, "GDAL gave no reason"));
    return Dataset(ds, path);
}

Dataset Dataset::create_raster(const std::string& driver, const std::string& path, int width, int height, int bands,
                               GDALDataType type, const std::vector<std::string>& options) {
    GDALDriver& drv = driver_by_name(driver, path);
    ErrorCapture capture;
    Options opts(options);
    auto* ds = drv.Create(path.c_str(), width, height, bands, type, opts.get());
    if (!ds) throw Error(path + ": cannot create " + driver + " raster: " + failure_text(capture, "GDAL gave no reason"));
    return Dataset(ds, path);
}

Dataset Dataset::create_copy(const std::string& driver, const std::string& path, Dataset& source,
                             const std::vector<std::string>& options) {
    GDALDriver& drv = driver_by_name(driver, path);
    ErrorCapture capture;
    Options opts(options);
    auto* ds = drv.CreateCopy(path.c_str(), &source.get(), FALSE, opts.get(), nullptr, nullptr);
    if (!ds) throw Error(path + ": cannot write " + driver + ": " + failure_text(capture, "GDAL gave no reason"));
    return Dataset(ds, path);
}

Layer Dataset::layer(int index) const {
    OGRLayer* l = ds_->GetLayer(index);
    if (!l) throw InputError(path_, "has no layer number " + std::to_string(index) + " (it has " + std::to_string(layer_count()) + ")");
    return Layer(*l, path_);
}

Layer Dataset::layer(const std::string& name) const {
    OGRLayer* l = ds_->GetLayerByName(name.c_str());
    if (!l) throw InputError(path_, "has no layer named '" + name + "'");
    return Layer(*l, path_);
}

Layer Dataset::create_layer(const std::string& name, OGRwkbGeometryType type, const OGRSpatialReference* srs,
                            const std::vector<std::string>& options) {
    ErrorCapture capture;
    Options opts(options);
    OGRLayer* l = ds_->CreateLayer(name.c_str(), const_cast<OGRSpatialReference*>(srs), type, opts.get());  // GDAL 3.6 takes non-const; it clones the SRS
    if (!l) throw Error(path_ + ": cannot create layer '" + name + "': " + failure_text(capture, "GDAL gave no reason"));
    return Layer(*l, path_);
}

void Dataset::close() {
    if (!ds_) return;
    ErrorCapture capture;
    ds_.reset();  // GDALClose flushes; failures while flushing are reported through the error handler only
    if (capture.failed()) throw Error(path_ + ": error while writing: " + capture.message());
}

}  // namespace incidentmap::core::gdal

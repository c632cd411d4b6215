#pragma once
// RAII around GDAL: datasets own their handle and close it once; layers and features are borrowed or owned as their
// types say. GDAL's drivers are registered once per process, on first use, thread-safely.
//
// Guarantees:
//  - Dataset::open*/create* never return a null dataset: they throw DatasetOpenError naming the path and GDAL's own
//    message. Layer lookups that find nothing throw InputError naming the dataset and the layer.
//  - While a gdal::ErrorCapture is alive on a thread, GDAL's messages on that thread are collected instead of being
//    printed to stderr; the wrappers use one around each call so that messages end up in the exceptions.
//  - A Layer borrows from its Dataset: it is valid while the Dataset lives and is not moved from.
// Not thread-safe: a Dataset must be used from one thread at a time (as GDAL requires).

#include "core/error.hpp"

#include <memory>
#include <string>
#include <vector>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <string_view>

namespace incidentmap::core::gdal {

// Registers the drivers once; also makes PostgreSQL writes use COPY (PG_USE_COPY=YES) unless the user set it.
void ensure_initialized();
// "GDAL 3.6.2, released 2023/01/02"
std::string version();

// Whether GDAL reads `source` over the network: "http://", "https://", "ftp://", "/vsicurl...".
bool is_remote(std::string_view source);

// Bounds every network read GDAL makes from now on (WMS tiles, /vsicurl/ blocks): a request gives up after
// `timeout_s` seconds, a connection after at most 5, and no request is retried, so a silent server holds nothing
// for long. Settings the user gave (GDAL_HTTP_TIMEOUT, GDAL_HTTP_CONNECTTIMEOUT, GDAL_HTTP_MAX_RETRY in the
// environment) win. Process-wide: call it before opening a remote source.
void bound_network_reads(int timeout_s);

// WGS84 geographic with longitude first (OAMS_TRADITIONAL_GIS_ORDER): GDAL 3 otherwise orders EPSG:4326 latitude
// first, and points written with x = longitude come out swapped.
OGRSpatialReference wgs84();

class ErrorCapture {
public:
    ErrorCapture();
    ~ErrorCapture();
    ErrorCapture(const ErrorCapture&) = delete;
    ErrorCapture& operator=(const ErrorCapture&) = delete;

    // The messages of CE_Failure or worse seen so far, joined by "; "; empty if none. If GDAL reported none, the
    // warnings are returned instead, so that a failure always comes with whatever GDAL said.
    std::string message() const;
    bool failed() const { return !failures_.empty(); }

private:
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum num, const char* msg);
    std::vector<std::string> failures_;
    std::vector<std::string> warnings_;
};

struct CoordinateTransformationDeleter {
    void operator()(OGRCoordinateTransformation* t) const { OGRCoordinateTransformation::DestroyCT(t); }
};
// An owned OGR transformation (OGRGeometry::transform takes it by pointer).
using CoordinateTransformation = std::unique_ptr<OGRCoordinateTransformation, CoordinateTransformationDeleter>;
// From `source` to `target`, each with its data axis mapping; never null: throws CrsError naming `what` (the dataset
// or layer whose CRS it is) and GDAL's message.
CoordinateTransformation transformation(const OGRSpatialReference& source, const OGRSpatialReference& target,
                                        const std::string& what);

struct FeatureDeleter {
    void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};
// An owned feature (what OGRLayer::GetNextFeature returns).
using Feature = std::unique_ptr<OGRFeature, FeatureDeleter>;

class Layer {
public:
    explicit Layer(OGRLayer& layer, std::string dataset_path) : layer_(&layer), dataset_path_(std::move(dataset_path)) {}

    OGRLayer& get() const { return *layer_; }
    std::string name() const { return layer_->GetName(); }
    const std::string& dataset_path() const { return dataset_path_; }
    // Exact count; may scan the layer for formats without a stored count.
    std::int64_t feature_count() const { return layer_->GetFeatureCount(TRUE); }

    void reset_reading() { layer_->ResetReading(); }
    // The next feature, or nullptr at the end.
    Feature next_feature() { return Feature(layer_->GetNextFeature()); }

    void create_field(const std::string& name, OGRFieldType type, int width = 0, OGRFieldSubType subtype = OFSTNone);
    // Writes `feature` as a new feature of the layer; throws Error with GDAL's message on failure.
    void create_feature(OGRFeature& feature);

private:
    OGRLayer* layer_;
    std::string dataset_path_;
};

class Dataset {
public:
    // Opens an existing dataset read-only. GDAL_OF_VECTOR / GDAL_OF_RASTER select what must be present.
    // `open_options` ("DATE_AS_STRING=YES") go to whichever driver opens it; one it does not know is ignored.
    // `drivers` ("GeoJSON"), when not empty, are the only drivers tried.
    static Dataset open(const std::string& path, unsigned int kinds = GDAL_OF_VECTOR | GDAL_OF_RASTER,
                        const std::vector<std::string>& open_options = {}, const std::vector<std::string>& drivers = {});
    static Dataset open_vector(const std::string& path) { return open(path, GDAL_OF_VECTOR); }
    static Dataset open_raster(const std::string& path) { return open(path, GDAL_OF_RASTER); }
    // Opens an existing dataset for update.
    static Dataset open_update(const std::string& path, unsigned int kinds = GDAL_OF_VECTOR);
    // Creates an empty vector dataset with the named driver ("GeoJSON", "GPKG", "MEM"...).
    static Dataset create_vector(const std::string& driver, const std::string& path,
                                 const std::vector<std::string>& options = {});
    // Creates a raster dataset of width x height x bands of type `type` with the named driver ("MEM", "GTiff").
    static Dataset create_raster(const std::string& driver, const std::string& path, int width, int height, int bands,
                                 GDALDataType type, const std::vector<std::string>& options = {});
    // Copies `source` into a new dataset with the named driver (the only way to write formats such as PNG).
    static Dataset create_copy(const std::string& driver, const std::string& path, Dataset& source,
                               const std::vector<std::string>& options = {});

    Dataset(Dataset&&) noexcept = default;
    Dataset& operator=(Dataset&&) noexcept = default;
    ~Dataset() = default;

    GDALDataset& get() const { return *ds_; }
    const std::string& path() const { return path_; }

    int layer_count() const { return ds_->GetLayerCount(); }
    Layer layer(int index) const;
    Layer layer(const std::string& name) const;
    Layer create_layer(const std::string& name, OGRwkbGeometryType type, const OGRSpatialReference* srs = nullptr,
                       const std::vector<std::string>& options = {});

    // Closes the dataset now, writing what is pending; throws Error if GDAL reports a failure while flushing.
    void close();

private:
    struct Closer {
        void operator()(GDALDataset* ds) const { GDALClose(GDALDataset::ToHandle(ds)); }
    };
    Dataset(GDALDataset* ds, std::string path) : ds_(ds), path_(std::move(path)) {}
    static Dataset open_with(const std::string& path, unsigned int flags, const char* what, const char* fallback,
                             const std::vector<std::string>& open_options = {}, const std::vector<std::string>& drivers = {});

    std::unique_ptr<GDALDataset, Closer> ds_;
    std::string path_;
};

}  // namespace incidentmap::core::gdal

#pragma once
// The exceptions incidentmap throws when the environment or the input is broken. Expected outcomes ("no such
// place", "ambiguous") are values, never exceptions.
//
// Every message names what failed (a file, a line or feature in it, a CRS, a geometry) and why, with the C
// library's own words where one was involved. The command line maps InputError to exit code 2 and any other Error
// to exit code 1.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace incidentmap::core {

// Something failed that is not the user's input: a library call, a write, an internal limit. Exit code 1.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The input is unusable: a missing or unreadable file, a malformed line or feature, an unknown CRS. Exit code 2.
// what() reads "SOURCE[:LOCATION]: DETAIL", e.g. "cities.txt:17: latitude 123 out of range".
class InputError : public Error {
public:
    InputError(std::string source, std::string detail, std::optional<std::string> location = std::nullopt);

    const std::string& source() const { return source_; }
    const std::optional<std::string>& location() const { return location_; }
    const std::string& detail() const { return detail_; }

private:
    std::string source_;
    std::optional<std::string> location_;
    std::string detail_;
};

// A dataset (file, directory or connection string) GDAL could not open or create.
class DatasetOpenError : public InputError {
public:
    using InputError::InputError;
};

// A CRS definition or transformation PROJ could not build.
class CrsError : public InputError {
public:
    using InputError::InputError;
};

// A geometry GEOS could not parse or process.
class GeometryError : public InputError {
public:
    using InputError::InputError;
};

}  // namespace incidentmap::core

#pragma once
// The embedded default index that the build makes (INCIDENTMAP_DEFAULT_INDEX, build/gazetteer.imgz), opened once per
// test binary, and a geoparser over it: shared by the gazetteer tests that need real data.

#include "gazetteer/gazetteer.hpp"
#include "gazetteer/geoparser.hpp"

namespace incidentmap::gazetteer::testing {

inline const Gazetteer& default_index() {
    static const Gazetteer g = Gazetteer::open(INCIDENTMAP_DEFAULT_INDEX);
    return g;
}

inline const Geoparser& default_parser() {
    static const Geoparser p(default_index());
    return p;
}

}  // namespace incidentmap::gazetteer::testing

#pragma once
// A test that cannot run says so. Debian 12's Catch2 (2.13) has no SKIP macro, so a test case that lacks what it
// needs (the evaluation data beside a developer's checkout, say) ends with this line, and ctest, through the
// SKIP_REGULAR_EXPRESSION that tests/CMakeLists.txt gives every discovered test, counts it as skipped, not passed.
#include <catch2/catch.hpp>

#define INCIDENTMAP_SKIP_MARKER "INCIDENTMAP-SKIPPED: "

// Ends the current test case as skipped, with the reason. Use it before any assertion.
#define INCIDENTMAP_SKIP(reason)                      \
    do {                                              \
        WARN(INCIDENTMAP_SKIP_MARKER << reason);      \
        return;                                       \
    } while (false)

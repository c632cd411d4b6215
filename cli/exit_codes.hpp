#pragma once
// The exit codes of every incidentmap command (documented in the README):
//   0  success
//   1  failure: something went wrong that is not the user's input (a library error, a failed write)
//   2  bad usage or bad input: unknown command or option, missing or malformed file, invalid value

namespace incidentmap::cli {

inline constexpr int kExitSuccess = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

}  // namespace incidentmap::cli

#pragma once
// A length on the ground, in metres.
//
// Guarantees: a plain double with its unit in the type, so a radius in metres cannot be passed where degrees or
// kilometres are expected. Arithmetic keeps the unit; comparison is exact. It does not check for NaN or sign:
// a negative length is meaningful as a difference.

#include <compare>

namespace incidentmap::core {

class Meters {
public:
    constexpr Meters() = default;
    constexpr explicit Meters(double value) : value_(value) {}

    static constexpr Meters kilometers(double km) { return Meters(km * 1000.0); }

    constexpr double value() const { return value_; }
    constexpr double km() const { return value_ / 1000.0; }

    constexpr Meters operator+(Meters o) const { return Meters(value_ + o.value_); }
    constexpr Meters operator-(Meters o) const { return Meters(value_ - o.value_); }
    constexpr Meters operator*(double f) const { return Meters(value_ * f); }
    constexpr Meters operator/(double f) const { return Meters(value_ / f); }
    constexpr auto operator<=>(const Meters&) const = default;

private:
    double value_ = 0.0;
};

}  // namespace incidentmap::core

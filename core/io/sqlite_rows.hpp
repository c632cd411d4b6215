#pragma once
// The rows of one table of an SQLite database (a GeoPackage is one), read straight through SQLite: for a reader of
// a million rows this costs a fifth of what GDAL's feature API does (see read_incidents). Read-only; one object per
// thread. Values are valid until the next call of next().

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace incidentmap::core::io {

class SqliteRows {
public:
    // SELECT `columns` FROM `table` WHERE `key` BETWEEN first AND last ORDER BY `key`. Throws InputError naming
    // `path` when the database cannot be opened or the statement prepared (no such table or column).
    SqliteRows(const std::string& path, const std::string& table, const std::vector<std::string>& columns,
               const std::string& key, std::int64_t first, std::int64_t last);
    // SELECT `columns` FROM `table` `clause` ("WHERE ... ORDER BY ..."), the same way.
    SqliteRows(const std::string& path, const std::string& table, const std::vector<std::string>& columns,
               const std::string& clause);
    ~SqliteRows();
    SqliteRows(const SqliteRows&) = delete;
    SqliteRows& operator=(const SqliteRows&) = delete;

    // The next row; false at the end. Throws InputError whose detail is SQLite's message when reading fails (a
    // damaged file).
    bool next();

    // Column c of the current row, as SQLite converts it: null, text, integer, real, the bytes of a blob.
    bool null(int c) const;
    std::string_view text(int c) const;
    std::int64_t integer(int c) const;
    double real(int c) const;
    std::string_view blob(int c) const;

private:
    void prepare(const std::string& table, const std::vector<std::string>& columns, const std::string& clause);

    std::string path_;
    sqlite3* db_ = nullptr;
    sqlite3_stmt* statement_ = nullptr;
};

}  // namespace incidentmap::core::io

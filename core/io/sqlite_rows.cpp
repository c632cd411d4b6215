#include "core/io/sqlite_rows.hpp"

#include "core/error.hpp"

#include <sqlite3.h>

namespace incidentmap::core::io {

namespace {

std::string quoted(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

SqliteRows::SqliteRows(const std::string& path, const std::string& table, const std::vector<std::string>& columns,
                       const std::string& key, std::int64_t first, std::int64_t last)
    : path_(path) {
    prepare(table, columns, "WHERE " + quoted(key) + " BETWEEN ?1 AND ?2 ORDER BY " + quoted(key));
    sqlite3_bind_int64(statement_, 1, first);
    sqlite3_bind_int64(statement_, 2, last);
}

SqliteRows::SqliteRows(const std::string& path, const std::string& table, const std::vector<std::string>& columns,
                       const std::string& clause)
    : path_(path) {
    prepare(table, columns, clause);
}

void SqliteRows::prepare(const std::string& table, const std::vector<std::string>& columns, const std::string& clause) {
    auto fail = [&](const std::string& what) {
        const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
        if (statement_) sqlite3_finalize(statement_);
        sqlite3_close(db_);
        db_ = nullptr;
        statement_ = nullptr;
        throw InputError(path_, what + ": " + why);
    };
    if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
        fail("cannot open it as an SQLite database");
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + quoted(columns[i]);
    sql += " FROM " + quoted(table) + " " + clause;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement_, nullptr) != SQLITE_OK) fail("cannot read table " + table);
}

SqliteRows::~SqliteRows() {
    sqlite3_finalize(statement_);
    sqlite3_close(db_);
}

bool SqliteRows::next() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw InputError(path_, sqlite3_errmsg(db_));
}

bool SqliteRows::null(int c) const { return sqlite3_column_type(statement_, c) == SQLITE_NULL; }

std::string_view SqliteRows::text(int c) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(statement_, c));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(statement_, c))) : std::string_view();
}

std::int64_t SqliteRows::integer(int c) const { return sqlite3_column_int64(statement_, c); }

double SqliteRows::real(int c) const { return sqlite3_column_double(statement_, c); }

std::string_view SqliteRows::blob(int c) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(statement_, c));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(statement_, c))) : std::string_view();
}

}  // namespace incidentmap::core::io

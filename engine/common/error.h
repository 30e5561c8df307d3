// PgError: the exception the engine throws internally for a PostgreSQL error; it carries
// the client-visible pgmicro::Error. Never thrown across SQLite's C frames (runtime
// functions catch it and hand it to the session, see runtime/function_context.h).
#pragma once
#include <exception>
#include <string>
#include "pgmicro/pgmicro.h"

namespace pgmicro {

struct PgError : std::exception {
  Error error;
  PgError(std::string sqlstate, std::string message, std::string detail = {},
          std::string hint = {}, int position = 0) {
    error.sqlstate = std::move(sqlstate);
    error.message = std::move(message);
    error.detail = std::move(detail);
    error.hint = std::move(hint);
    error.position = position;
  }
  explicit PgError(Error e) : error(std::move(e)) {}
  const char* what() const noexcept override { return error.message.c_str(); }
  PgError& at(int location0) {  // 0-based parse location -> 1-based position (if unset)
    if (error.position == 0 && location0 >= 0) error.position = location0 + 1;
    return *this;
  }
};

// SQLSTATE codes used across the engine (PostgreSQL's errcodes.txt names).
namespace sqlstate {
inline constexpr const char* kSyntaxError = "42601";
inline constexpr const char* kUndefinedColumn = "42703";
inline constexpr const char* kUndefinedTable = "42P01";
inline constexpr const char* kUndefinedFunction = "42883";
inline constexpr const char* kUndefinedObject = "42704";
inline constexpr const char* kDuplicateTable = "42P07";
inline constexpr const char* kDuplicateColumn = "42701";
inline constexpr const char* kDuplicateObject = "42710";
inline constexpr const char* kAmbiguousColumn = "42702";
inline constexpr const char* kAmbiguousFunction = "42725";
inline constexpr const char* kDatatypeMismatch = "42804";
inline constexpr const char* kCannotCoerce = "42846";
inline constexpr const char* kGroupingError = "42803";
inline constexpr const char* kInvalidColumnReference = "42P10";
inline constexpr const char* kDuplicateAlias = "42712";
inline constexpr const char* kInvalidTableDefinition = "42P16";
inline constexpr const char* kUndefinedParameter = "42P02";
inline constexpr const char* kIndeterminateDatatype = "42P18";
inline constexpr const char* kWindowingError = "42P20";
inline constexpr const char* kInvalidObjectDefinition = "42P17";
inline constexpr const char* kInvalidFunctionDefinition = "42P13";
inline constexpr const char* kDuplicateFunction = "42723";
inline constexpr const char* kInvalidTextRepresentation = "22P02";
inline constexpr const char* kNumericValueOutOfRange = "22003";
inline constexpr const char* kDivisionByZero = "22012";
inline constexpr const char* kStringDataRightTruncation = "22001";
inline constexpr const char* kDatetimeFieldOverflow = "22008";
inline constexpr const char* kInvalidDatetimeFormat = "22007";
inline constexpr const char* kIntervalFieldOverflow = "22015";
inline constexpr const char* kInvalidParameterValue = "22023";
inline constexpr const char* kInvalidRowCountInLimit = "2201W";
inline constexpr const char* kInvalidRowCountInResultOffset = "2201X";
inline constexpr const char* kCardinalityViolation = "21000";
inline constexpr const char* kNotNullViolation = "23502";
inline constexpr const char* kUniqueViolation = "23505";
inline constexpr const char* kForeignKeyViolation = "23503";
inline constexpr const char* kCheckViolation = "23514";
inline constexpr const char* kInFailedTransaction = "25P02";
inline constexpr const char* kActiveSqlTransaction = "25001";
inline constexpr const char* kNoActiveSqlTransaction = "25P01";
inline constexpr const char* kFeatureNotSupported = "0A000";
inline constexpr const char* kInternalError = "XX000";
inline constexpr const char* kIoError = "58030";
inline constexpr const char* kProgramLimitExceeded = "54000";
inline constexpr const char* kStatementTooComplex = "54001";
inline constexpr const char* kWrongObjectType = "42809";
inline constexpr const char* kInvalidForeignKey = "42830";
inline constexpr const char* kInsufficientPrivilege = "42501";
}  // namespace sqlstate

[[noreturn]] inline void unsupported(const std::string& feature, int location0 = -1) {
  throw PgError(sqlstate::kFeatureNotSupported, feature + " is not supported by pgmicro yet")
      .at(location0);
}

}  // namespace pgmicro

# Static libraries for the two pinned C dependencies, built from their unmodified sources.
file(GLOB PGQ_SRC ${TP}/libpg_query/src/*.c ${TP}/libpg_query/src/postgres/*.c)
list(APPEND PGQ_SRC ${TP}/libpg_query/vendor/protobuf-c/protobuf-c.c
                    ${TP}/libpg_query/vendor/xxhash/xxhash.c
                    ${TP}/libpg_query/protobuf/pg_query.pb-c.c)
add_library(pg_query STATIC ${PGQ_SRC})
target_include_directories(pg_query PUBLIC ${TP}/libpg_query ${TP}/libpg_query/src
  ${TP}/libpg_query/src/include ${TP}/libpg_query/src/postgres/include ${TP}/libpg_query/vendor)
target_compile_options(pg_query PRIVATE -fwrapv -fno-strict-aliasing -w)
set_target_properties(pg_query PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
if(NOT CMAKE_BUILD_TYPE STREQUAL "Debug" AND NOT EMSCRIPTEN)  # WASM: PGMICRO_WASM_OPT
  target_compile_options(pg_query PRIVATE -O2)
endif()

add_library(sqlite3 STATIC ${TP}/sqlite/sqlite3.c)
target_include_directories(sqlite3 PUBLIC ${TP}/sqlite)
# DBSTAT_VTAB: the dbstat table pg_table_size/pg_relation_size read a b-tree's pages from
# (runtime/psql_catalog_functions.cpp).
target_compile_definitions(sqlite3 PRIVATE SQLITE_DEFAULT_FOREIGN_KEYS=0 SQLITE_DQS=0
  SQLITE_OMIT_DEPRECATED SQLITE_ENABLE_MATH_FUNCTIONS SQLITE_ENABLE_DBSTAT_VTAB)
# Scan counters for EXPLAIN ANALYZE (engine/session/explain.cpp); each session switches them
# off (SQLITE_DBCONFIG_STMT_SCANSTATUS) except while EXPLAIN ANALYZE runs its statement.
target_compile_definitions(sqlite3 PUBLIC SQLITE_ENABLE_STMT_SCANSTATUS)
target_compile_options(sqlite3 PRIVATE -w)
if(EMSCRIPTEN)
  # One statically linked module: no PIC (it only adds GOT indirections in wasm).
  set_target_properties(pg_query PROPERTIES POSITION_INDEPENDENT_CODE OFF)
  # TEMP_STORE=3: temp tables, sorter spills and statement journals stay in memory. The
  # module has no file system (-sFILESYSTEM=0): the unix VFS's open() stub hands back fd 0
  # and SQLite's robust_open() then loops forever on the first temp file.
  # The rest only shrink the module (issue 4's 1 MB gzip budget): C APIs the engine and the
  # SQLite dialect never reach (UTF-16, shared cache, get_table, incremental blob I/O, Tcl
  # variables, test hooks, memory statistics, compile-option listing).
  target_compile_definitions(sqlite3 PRIVATE SQLITE_THREADSAFE=0 SQLITE_OMIT_LOAD_EXTENSION
    SQLITE_TEMP_STORE=3 SQLITE_OMIT_UTF16 SQLITE_OMIT_SHARED_CACHE SQLITE_OMIT_GET_TABLE
    SQLITE_OMIT_INCRBLOB SQLITE_OMIT_TCL_VARIABLE SQLITE_UNTESTABLE SQLITE_DEFAULT_MEMSTATUS=0
    SQLITE_OMIT_COMPILEOPTION_DIAGS)
else()
  target_compile_definitions(sqlite3 PRIVATE SQLITE_THREADSAFE=1)
  find_package(Threads REQUIRED)
  target_link_libraries(sqlite3 PUBLIC Threads::Threads ${CMAKE_DL_LIBS})
endif()

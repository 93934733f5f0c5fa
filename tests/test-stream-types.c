/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "test-stream-common.h"

/*
 * Every column type through every accessor, live and offline, once per
 * binlog_row_metadata setting: FULL (names, ENUM and SET members in the
 * table map), MINIMAL and NO_LOG (the library reads them from
 * information_schema through a second connection); and NULLs in wide
 * tables.  These are the cases that test-stream-compressed and
 * test-stream-minimal-image run again against servers configured so.
 */

/* {{{ Column type cases */

#define MAX_ROWS 3
#define MAX_COLUMNS 24

/* A value the test can't write down: compare with the column's raw bytes
 * as the server returns them (`SELECT col`). */
#define RAW "raw"

typedef struct
{
  const char            *name;
  const char            *definition;
  MysqlBinlogColumnType  type;            /* 0: do not check */
  const char            *values[MAX_ROWS]; /* SQL literals */
  const char            *expected[MAX_ROWS]; /* GVariant text, or RAW */
  const char            *server_text;     /* how the server prints it for dup_string,
                                             %s = column; NULL: `%s`, "": skip */
} ColumnCase;

typedef struct
{
  const char *name;
  const char *table_options;
  const char *session;   /* statements run before the rows are written */
  guint       n_rows;
  ColumnCase  columns[MAX_COLUMNS];
} TypeCase;

#define HEX "CONCAT('0x', HEX(%s))"

#define S10 "abcdefghij"
#define S50 S10 S10 S10 S10 S10
#define S300 S50 S50 S50 S50 S50 S50

static const TypeCase type_cases[] = {
  {
    "signed_integers", NULL, NULL, 3,
    {
      { "ti", "TINYINT", MYSQL_BINLOG_COLUMN_TYPE_TINY,
        { "-128", "127", "0" }, { "int64 -128", "int64 127", "int64 0" }, NULL },
      { "si", "SMALLINT", MYSQL_BINLOG_COLUMN_TYPE_SHORT,
        { "-32768", "32767", "-1" }, { "int64 -32768", "int64 32767", "int64 -1" }, NULL },
      { "mi", "MEDIUMINT", MYSQL_BINLOG_COLUMN_TYPE_INT24,
        { "-8388608", "8388607", "1" }, { "int64 -8388608", "int64 8388607", "int64 1" }, NULL },
      { "i", "INT", MYSQL_BINLOG_COLUMN_TYPE_LONG,
        { "-2147483648", "2147483647", "-42" },
        { "int64 -2147483648", "int64 2147483647", "int64 -42" }, NULL },
      { "bi", "BIGINT", MYSQL_BINLOG_COLUMN_TYPE_LONGLONG,
        { "-9223372036854775808", "9223372036854775807", "-1" },
        { "int64 -9223372036854775808", "int64 9223372036854775807", "int64 -1" }, NULL },
    },
  },
  {
    "unsigned_integers", NULL, NULL, 3,
    {
      { "ti", "TINYINT UNSIGNED", MYSQL_BINLOG_COLUMN_TYPE_TINY,
        { "0", "255", "128" }, { "uint64 0", "uint64 255", "uint64 128" }, NULL },
      { "si", "SMALLINT UNSIGNED", MYSQL_BINLOG_COLUMN_TYPE_SHORT,
        { "0", "65535", "32768" }, { "uint64 0", "uint64 65535", "uint64 32768" }, NULL },
      { "mi", "MEDIUMINT UNSIGNED", MYSQL_BINLOG_COLUMN_TYPE_INT24,
        { "0", "16777215", "8388608" }, { "uint64 0", "uint64 16777215", "uint64 8388608" },
        NULL },
      { "i", "INT UNSIGNED", MYSQL_BINLOG_COLUMN_TYPE_LONG,
        { "0", "4294967295", "2147483648" },
        { "uint64 0", "uint64 4294967295", "uint64 2147483648" }, NULL },
      { "bi", "BIGINT UNSIGNED", MYSQL_BINLOG_COLUMN_TYPE_LONGLONG,
        { "0", "18446744073709551615", "9223372036854775808" },
        { "uint64 0", "uint64 18446744073709551615", "uint64 9223372036854775808" }, NULL },
    },
  },
  {
    "decimals", NULL, NULL, 3,
    {
      { "d65", "DECIMAL(65,30)", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL,
        { "'12345678901234567890123456789012345.123456789012345678901234567890'",
          "'-99999999999999999999999999999999999.999999999999999999999999999999'",
          "0" },
        { "'12345678901234567890123456789012345.123456789012345678901234567890'",
          "'-99999999999999999999999999999999999.999999999999999999999999999999'",
          "'0.000000000000000000000000000000'" }, NULL },
      { "d10", "DECIMAL(10,2)", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL,
        { "-12.34", "99999999.99", "-0.5" }, { "'-12.34'", "'99999999.99'", "'-0.50'" }, NULL },
      { "d104", "DECIMAL(10,4)", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL,
        { "-12.34", "0.0001", "1" }, { "'-12.3400'", "'0.0001'", "'1.0000'" }, NULL },
      { "d50", "DECIMAL(5,0)", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL,
        { "-12345", "0", "99999" }, { "'-12345'", "'0'", "'99999'" }, NULL },
      { "d2010", "NUMERIC(20,10)", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL,
        { "-1234567890.0123456789", "0.0000000001", "-0.0000000001" },
        { "'-1234567890.0123456789'", "'0.0000000001'", "'-0.0000000001'" }, NULL },
    },
  },
  {
    "floats", NULL, NULL, 3,
    {
      { "f", "FLOAT", MYSQL_BINLOG_COLUMN_TYPE_FLOAT,
        { "1.5", "-0.25", "1024" }, { "@d 1.5", "@d -0.25", "@d 1024" }, "" },
      { "dbl", "DOUBLE", MYSQL_BINLOG_COLUMN_TYPE_DOUBLE,
        { "3.141592653589793", "-1e300", "2.2250738585072014e-308" },
        { "@d 3.141592653589793", "@d -1e300", "@d 2.2250738585072014e-308" }, "" },
    },
  },
  {
    "utf8mb4_text", "DEFAULT CHARSET=utf8mb4", NULL, 3,
    {
      { "c", "CHAR(10)", MYSQL_BINLOG_COLUMN_TYPE_STRING,
        { "'abc'", "''", "'ü😀'" }, { "'abc'", "''", "'ü😀'" }, NULL },
      { "vc", "VARCHAR(100)", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "'😀 héllo 日本'", "''", "'x'" }, { "'😀 héllo 日本'", "''", "'x'" }, NULL },
      { "vlong", "VARCHAR(300)", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "'" S300 "'", "'é" S50 "'", "'🎉'" }, { "'" S300 "'", "'é" S50 "'", "'🎉'" }, NULL },
      { "t", "TEXT", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "'𝄞 music ✓'", "''", "'" S300 "'" }, { "'𝄞 music ✓'", "''", "'" S300 "'" }, NULL },
      { "tt", "TINYTEXT", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "'tiny ü'", "''", "'€'" }, { "'tiny ü'", "''", "'€'" }, NULL },
      { "mt", "MEDIUMTEXT", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "'medium 😀'", "''", "'m'" }, { "'medium 😀'", "''", "'m'" }, NULL },
      { "lt", "LONGTEXT", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "'long 日本語'", "''", "'l'" }, { "'long 日本語'", "''", "'l'" }, NULL },
    },
  },
  {
    "charsets", "DEFAULT CHARSET=latin1", NULL, 3,
    {
      { "l1", "VARCHAR(20) CHARACTER SET latin1", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "'é'", "'café'", "'Ø½'" }, { "'é'", "'café'", "'Ø½'" }, NULL },
      { "l1c", "CHAR(10) CHARACTER SET latin1", MYSQL_BINLOG_COLUMN_TYPE_STRING,
        { "'naïve'", "'é'", "''" }, { "'naïve'", "'é'", "''" }, NULL },
      { "l1t", "TEXT CHARACTER SET latin1", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "'déjà vu'", "''", "'ÿ'" }, { "'déjà vu'", "''", "'ÿ'" }, NULL },
      { "u3", "VARCHAR(20) CHARACTER SET utf8mb3", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "'héllo €'", "'日本'", "''" }, { "'héllo €'", "'日本'", "''" }, NULL },
      { "u3c", "CHAR(5) CHARACTER SET utf8mb3", MYSQL_BINLOG_COLUMN_TYPE_STRING,
        { "'€uro'", "'ß'", "''" }, { "'€uro'", "'ß'", "''" }, NULL },
      { "a7", "VARCHAR(20) CHARACTER SET ascii", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "'plain'", "'~!'", "''" }, { "'plain'", "'~!'", "''" }, NULL },
      { "cp", "VARCHAR(20) CHARACTER SET cp1251", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "'Привет'", "'ё'", "''" }, { "'Привет'", "'ё'", "''" }, NULL },
      { "u16", "VARCHAR(20) CHARACTER SET utf16", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "'é€😀'", "'a'", "''" }, { "'é€😀'", "'a'", "''" }, NULL },
    },
  },
  {
    "binary", NULL, NULL, 3,
    {
      { "b", "BINARY(4)", MYSQL_BINLOG_COLUMN_TYPE_STRING,
        { "x'01020304'", "x'00ff00ff'", "'abcd'" },
        { "@ay [0x01, 0x02, 0x03, 0x04]", "@ay [0x00, 0xff, 0x00, 0xff]",
          "@ay [0x61, 0x62, 0x63, 0x64]" }, HEX },
      { "vb", "VARBINARY(20)", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "x'00ff00fe'", "''", "'A'" }, { "@ay [0x00, 0xff, 0x00, 0xfe]", "@ay []", "@ay [0x41]" },
        HEX },
      { "vcb", "VARCHAR(10) CHARACTER SET binary", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "'abc'", "x'00'", "''" }, { "@ay [0x61, 0x62, 0x63]", "@ay [0x00]", "@ay []" }, HEX },
      { "bl", "BLOB", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "x'deadbeef00'", "''", "x'00'" },
        { "@ay [0xde, 0xad, 0xbe, 0xef, 0x00]", "@ay []", "@ay [0x00]" }, HEX },
      { "tb", "TINYBLOB", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "x'01'", "''", "x'ff'" }, { "@ay [0x01]", "@ay []", "@ay [0xff]" }, HEX },
      { "mb", "MEDIUMBLOB", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "x'0203'", "''", "x'80'" }, { "@ay [0x02, 0x03]", "@ay []", "@ay [0x80]" }, HEX },
      { "lb", "LONGBLOB", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "x'040506'", "''", "x'7f'" }, { "@ay [0x04, 0x05, 0x06]", "@ay []", "@ay [0x7f]" },
        HEX },
    },
  },
  {
    /* The server pads BINARY(n) values with zero bytes, and the binary log
     * leaves the trailing zeros out: the value as stored has all n bytes. */
    "binary_padding", NULL, NULL, 3,
    {
      { "b", "BINARY(4)", MYSQL_BINLOG_COLUMN_TYPE_STRING,
        { "x'0102'", "x'00000000'", "'A'" },
        { "@ay [0x01, 0x02, 0x00, 0x00]", "@ay [0x00, 0x00, 0x00, 0x00]",
          "@ay [0x41, 0x00, 0x00, 0x00]" }, HEX },
      { "b1", "BINARY(1)", MYSQL_BINLOG_COLUMN_TYPE_STRING,
        { "x'00'", "''", "x'7f'" }, { "@ay [0x00]", "@ay [0x00]", "@ay [0x7f]" }, HEX },
    },
  },
  {
    "enums_sets", "DEFAULT CHARSET=utf8mb4", NULL, 3,
    {
      { "e", "ENUM('small','medium','large')", MYSQL_BINLOG_COLUMN_TYPE_ENUM,
        { "'medium'", "'small'", "'large'" }, { "'medium'", "'small'", "'large'" }, NULL },
      /* Members outside the BMP would not survive information_schema,
       * which MariaDB keeps in utf8mb3 (it reports '😀' as '?'). */
      { "eu", "ENUM('ä','ö','€')", MYSQL_BINLOG_COLUMN_TYPE_ENUM,
        { "'ö'", "'€'", "'ä'" }, { "'ö'", "'€'", "'ä'" }, NULL },
      { "el", "ENUM('x') CHARACTER SET latin1", MYSQL_BINLOG_COLUMN_TYPE_ENUM,
        { "'x'", "'x'", "'x'" }, { "'x'", "'x'", "'x'" }, NULL },
      { "s", "SET('a','b','c','d')", MYSQL_BINLOG_COLUMN_TYPE_SET,
        { "''", "'c,a'", "'a,b,c,d'" }, { "@as []", "['a', 'c']", "['a', 'b', 'c', 'd']" }, NULL },
      { "s10", "SET('m1','m2','m3','m4','m5','m6','m7','m8','m9','m10')",
        MYSQL_BINLOG_COLUMN_TYPE_SET,
        { "'m10,m1'", "'m9'", "''" }, { "['m1', 'm10']", "['m9']", "@as []" }, NULL },
    },
  },
  {
    "bits_years", NULL, NULL, 3,
    {
      { "b1", "BIT(1)", MYSQL_BINLOG_COLUMN_TYPE_BIT,
        { "b'1'", "b'0'", "b'1'" }, { "uint64 1", "uint64 0", "uint64 1" }, "%s+0" },
      { "b12", "BIT(12)", MYSQL_BINLOG_COLUMN_TYPE_BIT,
        { "b'101010101010'", "0", "b'111111111111'" },
        { "uint64 2730", "uint64 0", "uint64 4095" }, "%s+0" },
      { "b64", "BIT(64)", MYSQL_BINLOG_COLUMN_TYPE_BIT,
        { "x'FFFFFFFFFFFFFFFF'", "b'1'", "x'8000000000000001'" },
        { "uint64 18446744073709551615", "uint64 1", "uint64 9223372036854775809" }, "%s+0" },
      { "y", "YEAR", MYSQL_BINLOG_COLUMN_TYPE_YEAR,
        { "2024", "1901", "2155" }, { "int64 2024", "int64 1901", "int64 2155" }, NULL },
    },
  },
  {
    "temporal", NULL, NULL, 3,
    {
      { "d", "DATE", 0,
        { "'2024-02-29'", "'1000-01-01'", "'9999-12-31'" },
        { "'2024-02-29'", "'1000-01-01'", "'9999-12-31'" }, NULL },
      { "t0", "TIME", MYSQL_BINLOG_COLUMN_TYPE_TIME2,
        { "'13:45:00'", "'-838:59:59'", "'838:59:59'" },
        { "'13:45:00'", "'-838:59:59'", "'838:59:59'" }, NULL },
      { "t1", "TIME(1)", MYSQL_BINLOG_COLUMN_TYPE_TIME2,
        { "'13:45:00.1'", "'-00:00:00.5'", "'-838:59:59.9'" },
        { "'13:45:00.1'", "'-00:00:00.5'", "'-838:59:59.9'" }, NULL },
      { "t2", "TIME(2)", MYSQL_BINLOG_COLUMN_TYPE_TIME2,
        { "'01:02:03.04'", "'-01:02:03.99'", "'00:00:00'" },
        { "'01:02:03.04'", "'-01:02:03.99'", "'00:00:00.00'" }, NULL },
      { "t3", "TIME(3)", MYSQL_BINLOG_COLUMN_TYPE_TIME2,
        { "'-12:34:56.789'", "'00:00:00.000'", "'100:00:00.001'" },
        { "'-12:34:56.789'", "'00:00:00.000'", "'100:00:00.001'" }, NULL },
      { "t4", "TIME(4)", MYSQL_BINLOG_COLUMN_TYPE_TIME2,
        { "'-01:02:03.0405'", "'23:59:59.9999'", "'-00:00:00.0001'" },
        { "'-01:02:03.0405'", "'23:59:59.9999'", "'-00:00:00.0001'" }, NULL },
      { "t5", "TIME(5)", MYSQL_BINLOG_COLUMN_TYPE_TIME2,
        { "'10:00:00.00001'", "'-10:00:00.12345'", "'00:00:01'" },
        { "'10:00:00.00001'", "'-10:00:00.12345'", "'00:00:01.00000'" }, NULL },
      { "t6", "TIME(6)", MYSQL_BINLOG_COLUMN_TYPE_TIME2,
        { "'-838:59:59.000000'", "'-00:00:00.000001'", "'23:59:59.999999'" },
        { "'-838:59:59.000000'", "'-00:00:00.000001'", "'23:59:59.999999'" }, NULL },
      { "dt0", "DATETIME", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'2024-02-29 13:45:00'", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59'" },
        { "'2024-02-29 13:45:00'", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59'" }, NULL },
      { "dt1", "DATETIME(1)", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'2024-02-29 13:45:00.1'", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59.9'" },
        { "'2024-02-29 13:45:00.1'", "'1000-01-01 00:00:00.0'", "'9999-12-31 23:59:59.9'" },
        NULL },
      { "dt2", "DATETIME(2)", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'2024-02-29 13:45:00.12'", "'1000-01-01 00:00:00.01'", "'9999-12-31 23:59:59.99'" },
        { "'2024-02-29 13:45:00.12'", "'1000-01-01 00:00:00.01'", "'9999-12-31 23:59:59.99'" },
        NULL },
      { "dt3", "DATETIME(3)", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'2024-02-29 13:45:00.123'", "'1000-01-01 00:00:00.001'",
          "'9999-12-31 23:59:59.999'" },
        { "'2024-02-29 13:45:00.123'", "'1000-01-01 00:00:00.001'",
          "'9999-12-31 23:59:59.999'" }, NULL },
      { "dt4", "DATETIME(4)", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'2024-02-29 13:45:00.1234'", "'1970-01-01 00:00:00.0001'",
          "'9999-12-31 23:59:59.9999'" },
        { "'2024-02-29 13:45:00.1234'", "'1970-01-01 00:00:00.0001'",
          "'9999-12-31 23:59:59.9999'" }, NULL },
      { "dt5", "DATETIME(5)", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'2024-02-29 13:45:00.12345'", "'2000-06-15 12:00:00.00001'",
          "'9999-12-31 23:59:59.99999'" },
        { "'2024-02-29 13:45:00.12345'", "'2000-06-15 12:00:00.00001'",
          "'9999-12-31 23:59:59.99999'" }, NULL },
      { "dt6", "DATETIME(6)", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'2024-02-29 13:45:00.123456'", "'1000-01-01 00:00:00.000001'",
          "'9999-12-31 23:59:59.999999'" },
        { "'2024-02-29 13:45:00.123456'", "'1000-01-01 00:00:00.000001'",
          "'9999-12-31 23:59:59.999999'" }, NULL },
    },
  },
  {
    /* Written in a session at +05:00: the binary log holds UTC seconds, and
     * the values come back in UTC whatever the reader's time zone. */
    "timestamps", NULL, "SET SESSION time_zone = '+05:00'", 3,
    {
      { "ts0", "TIMESTAMP NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'2024-02-29 18:45:00'", "'1970-01-01 05:00:01'", "'2038-01-19 08:14:07'" },
        { "'2024-02-29 13:45:00'", "'1970-01-01 00:00:01'", "'2038-01-19 03:14:07'" }, NULL },
      { "ts1", "TIMESTAMP(1) NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'2024-02-29 18:45:00.1'", "'2024-03-01 04:59:59.9'", "'2000-01-01 05:00:00'" },
        { "'2024-02-29 13:45:00.1'", "'2024-02-29 23:59:59.9'", "'2000-01-01 00:00:00.0'" },
        NULL },
      { "ts2", "TIMESTAMP(2) NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'2024-02-29 18:45:00.12'", "'2024-01-01 00:00:00.01'", "'2000-01-01 05:00:00'" },
        { "'2024-02-29 13:45:00.12'", "'2023-12-31 19:00:00.01'", "'2000-01-01 00:00:00.00'" },
        NULL },
      { "ts3", "TIMESTAMP(3) NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'2024-02-29 18:45:00.123'", "'1970-01-01 05:00:01.001'", "'2000-01-01 05:00:00'" },
        { "'2024-02-29 13:45:00.123'", "'1970-01-01 00:00:01.001'",
          "'2000-01-01 00:00:00.000'" }, NULL },
      { "ts4", "TIMESTAMP(4) NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'2024-02-29 18:45:00.1234'", "'2024-07-01 12:00:00.0001'", "'2000-01-01 05:00:00'" },
        { "'2024-02-29 13:45:00.1234'", "'2024-07-01 07:00:00.0001'",
          "'2000-01-01 00:00:00.0000'" }, NULL },
      { "ts5", "TIMESTAMP(5) NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'2024-02-29 18:45:00.12345'", "'2024-07-01 12:00:00.00001'",
          "'2000-01-01 05:00:00'" },
        { "'2024-02-29 13:45:00.12345'", "'2024-07-01 07:00:00.00001'",
          "'2000-01-01 00:00:00.00000'" }, NULL },
      { "ts6", "TIMESTAMP(6) NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'2024-02-29 18:45:00.123456'", "'2038-01-19 08:14:07.999999'",
          "'1970-01-01 05:00:01.000001'" },
        { "'2024-02-29 13:45:00.123456'", "'2038-01-19 03:14:07.999999'",
          "'1970-01-01 00:00:01.000001'" }, NULL },
    },
  },
  {
    /* Zero and partial dates need a permissive sql_mode. */
    "zero_dates", NULL, "SET SESSION sql_mode = ''", 3,
    {
      { "d", "DATE", 0,
        { "'0000-00-00'", "'2024-00-00'", "'2024-02-00'" },
        { "'0000-00-00'", "'2024-00-00'", "'2024-02-00'" }, NULL },
      { "dt", "DATETIME", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'0000-00-00 00:00:00'", "'2024-00-00 00:00:00'", "'0000-00-00 00:00:00'" },
        { "'0000-00-00 00:00:00'", "'2024-00-00 00:00:00'", "'0000-00-00 00:00:00'" }, NULL },
      { "dt6", "DATETIME(6)", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'" },
        { "'0000-00-00 00:00:00.000000'", "'0000-00-00 00:00:00.000000'",
          "'0000-00-00 00:00:00.000000'" }, NULL },
      { "ts", "TIMESTAMP NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'" },
        { "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'" }, NULL },
      { "ts3", "TIMESTAMP(3) NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'" },
        { "'0000-00-00 00:00:00.000'", "'0000-00-00 00:00:00.000'",
          "'0000-00-00 00:00:00.000'" }, NULL },
      { "y", "YEAR", MYSQL_BINLOG_COLUMN_TYPE_YEAR,
        { "'0000'", "'0000'", "'0000'" }, { "int64 0", "int64 0", "int64 0" }, NULL },
    },
  },
  {
    "json_geometry", "DEFAULT CHARSET=utf8mb4", NULL, 3,
    {
      /* MariaDB's JSON is LONGTEXT with a validity check: the text as
       * written, in a BLOB column of the binary log. */
      { "j", "JSON", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "'{\"a\": [1, 2, {\"b\": null}], \"c\": \"ü\"}'", "'[]'", "'\"str\"'" },
        { "'{\"a\": [1, 2, {\"b\": null}], \"c\": \"ü\"}'", "'[]'", "'\"str\"'" }, NULL },
      { "g", "GEOMETRY", MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY,
        { "ST_GeomFromText('POINT(1 2)')", "ST_GeomFromText('LINESTRING(0 0,1 1,2 5)')",
          "ST_GeomFromText('POINT(-1.5 3.25)', 4326)" },
        { RAW, RAW, RAW }, HEX },
      { "p", "POINT", MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY,
        { "ST_PointFromText('POINT(3 4)')", "POINT(0, -0.5)", "POINT(1e10, 2)" },
        { RAW, RAW, RAW }, HEX },
    },
  },
};

typedef struct
{
  const TypeCase *type_case;
  const char     *mode;
} TypeCaseData;

static char *
type_case_schema (const char *mode)
{
  return g_strdup_printf ("types_%s", mode);
}

static void
create_type_case_table (const TypeCase *tc,
                        const char     *schema)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  execf ("CREATE DATABASE IF NOT EXISTS %s", schema);
  execf ("DROP TABLE IF EXISTS %s.%s", schema, tc->name);

  g_string_append_printf (sql, "CREATE TABLE %s.%s (id INT NOT NULL PRIMARY KEY", schema,
                          tc->name);
  for (guint c = 0; c < MAX_COLUMNS && tc->columns[c].name != NULL; c++)
    g_string_append_printf (sql, ", %s %s", tc->columns[c].name, tc->columns[c].definition);
  g_string_append (sql, ")");
  if (tc->table_options != NULL)
    g_string_append_printf (sql, " %s", tc->table_options);
  exec (sql->str);
}

static guint
type_case_n_columns (const TypeCase *tc)
{
  guint n = 0;

  while (n < MAX_COLUMNS && tc->columns[n].name != NULL)
    n++;
  return n;
}

/* The rows of a case: the case's rows with ids 1..n_rows, then a row of
 * NULLs with id n_rows + 1. */
static void
insert_type_case_rows (const TypeCase *tc,
                       const char     *schema)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  guint n_columns = type_case_n_columns (tc);

  g_string_append_printf (sql, "INSERT INTO %s.%s VALUES ", schema, tc->name);
  for (guint r = 0; r <= tc->n_rows; r++)
    {
      g_string_append_printf (sql, "%s(%u", r > 0 ? ", " : "", r + 1);
      for (guint c = 0; c < n_columns; c++)
        g_string_append_printf (sql, ", %s", r < tc->n_rows ? tc->columns[c].values[r] : "NULL");
      g_string_append (sql, ")");
    }
  exec (sql->str);
}

/* How the server prints each value, for mysql_binlog_row_dup_string(), and
 * the raw bytes of each value, for the RAW cases. */
typedef struct
{
  char   *text[MAX_ROWS + 1][MAX_COLUMNS];
  GBytes *raw[MAX_ROWS + 1][MAX_COLUMNS];
  GBytes *wkb[MAX_ROWS + 1][MAX_COLUMNS];
} ServerValues;

static void
server_values_free (ServerValues *values)
{
  for (guint r = 0; r <= MAX_ROWS; r++)
    for (guint c = 0; c < MAX_COLUMNS; c++)
      {
        g_free (values->text[r][c]);
        g_clear_pointer (&values->raw[r][c], g_bytes_unref);
        g_clear_pointer (&values->wkb[r][c], g_bytes_unref);
      }
  g_free (values);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerValues, server_values_free)

static ServerValues *
read_server_values (const TypeCase *tc,
                    const char     *schema)
{
  ServerValues *values = g_new0 (ServerValues, 1);
  guint n_columns = type_case_n_columns (tc);

  /* TIMESTAMPs as the server prints them in UTC. */
  exec ("SET SESSION time_zone = '+00:00'");

  for (guint r = 0; r <= tc->n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        const ColumnCase *cc = &tc->columns[c];
        g_autofree char *expr = NULL;
        g_autofree char *sql = NULL;

        if (cc->server_text == NULL || *cc->server_text != '\0')
          {
            /* The format comes from the table above. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
            expr = g_strdup_printf (cc->server_text != NULL ? cc->server_text : "%s", cc->name);
#pragma GCC diagnostic pop
            sql = g_strdup_printf ("SELECT %s FROM %s.%s WHERE id = %u", expr, schema, tc->name,
                                   r + 1);
            values->text[r][c] = query_value (sql);
            g_clear_pointer (&sql, g_free);
          }

        if (r < tc->n_rows && g_strcmp0 (cc->expected[r], RAW) == 0)
          {
            sql = g_strdup_printf ("SELECT %s FROM %s.%s WHERE id = %u", cc->name, schema,
                                   tc->name, r + 1);
            values->raw[r][c] = query_bytes (sql);
            g_clear_pointer (&sql, g_free);
            sql = g_strdup_printf ("SELECT ST_AsBinary(%s) FROM %s.%s WHERE id = %u", cc->name,
                                   schema, tc->name, r + 1);
            values->wkb[r][c] = query_bytes (sql);
          }
      }

  exec ("SET SESSION time_zone = DEFAULT");
  return values;
}

static GVariant *
expected_value (const TypeCase     *tc,
                const ServerValues *values,
                guint               r,
                guint               c)
{
  const char *text;

  if (r >= tc->n_rows)
    return parse_variant ("@mv nothing");

  text = tc->columns[c].expected[r];
  if (g_strcmp0 (text, RAW) == 0)
    {
      g_assert_nonnull (values->raw[r][c]);
      return g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING,
                                                           values->raw[r][c], TRUE));
    }
  return parse_variant (text);
}

/* Checks one row image of a case's row @r (id @id) through every accessor. */
static void
check_type_case_row (const TypeCase     *tc,
                     const char         *schema,
                     const ServerValues *values,
                     MysqlBinlogRow     *row,
                     guint               r,
                     guint               id)
{
  guint n_columns = type_case_n_columns (tc);
  g_autoptr(GVariant) dict = NULL;

  g_assert_cmpstr (mysql_binlog_row_get_schema (row), ==, schema);
  g_assert_cmpstr (mysql_binlog_row_get_table (row), ==, tc->name);
  g_assert_cmpuint (mysql_binlog_row_get_n_columns (row), ==, n_columns + 1);

  g_assert_cmpstr (mysql_binlog_row_get_column_name (row, 0), ==, "id");
  g_assert_cmpint (mysql_binlog_row_get_column_type (row, 0), ==, MYSQL_BINLOG_COLUMN_TYPE_LONG);
  g_assert_false (mysql_binlog_row_is_null (row, 0));
  g_assert_cmpint (mysql_binlog_row_get_int64 (row, 0), ==, id);

  dict = mysql_binlog_row_to_variant (row);
  g_assert_true (g_variant_is_of_type (dict, G_VARIANT_TYPE ("a{sv}")));
  g_assert_cmpuint (g_variant_n_children (dict), ==, n_columns + 1);

  for (guint c = 0; c < n_columns; c++)
    {
      const ColumnCase *cc = &tc->columns[c];
      guint i = c + 1;
      g_autoptr(GVariant) expected = expected_value (tc, values, r, c);
      g_autoptr(GVariant) value = NULL;
      g_autoptr(GVariant) looked_up = NULL;
      g_autoptr(GVariant) from_dict = NULL;
      g_autofree char *what = g_strdup_printf ("%s.%s row %u column %s", schema, tc->name, id,
                                               cc->name);
      g_autofree char *text = NULL;
      gboolean is_null = r >= tc->n_rows;

      g_test_message ("%s", what);

      g_assert_cmpstr (mysql_binlog_row_get_column_name (row, i), ==, cc->name);
      g_assert_cmpint (mysql_binlog_row_get_column_index (row, cc->name), ==, i);
      if (cc->type != 0)
        g_assert_cmpint (mysql_binlog_row_get_column_type (row, i), ==, cc->type);
      g_assert_cmpint (mysql_binlog_row_is_null (row, i), ==, is_null);

      value = mysql_binlog_row_get_value (row, i);
      assert_variant_equal (value, expected, what);

      looked_up = mysql_binlog_row_lookup (row, cc->name);
      assert_variant_equal (looked_up, expected, what);

      from_dict = g_variant_lookup_value (dict, cc->name, NULL);
      assert_variant_equal (from_dict, expected, what);

      /* format_value() writes the same text at every buffer size. */
      test_util_assert_format_value (row, i, what);

      text = mysql_binlog_row_dup_string (row, i);
      if (is_null)
        {
          g_assert_null (text);
          g_assert_null (values->text[r][c]);
          continue;
        }
      g_assert_nonnull (text);

      /* dup_string() prints values the way the server does. */
      if (cc->server_text == NULL || *cc->server_text != '\0')
        {
          if (g_strcmp0 (text, values->text[r][c]) != 0)
            g_test_fail_printf ("%s: dup_string gave “%s”, the server prints “%s”", what,
                                text, values->text[r][c]);
        }

      /* The typed accessors agree with the variant. */
      if (g_variant_is_of_type (expected, G_VARIANT_TYPE_INT64))
        {
          g_assert_cmpint (mysql_binlog_row_get_int64 (row, i), ==, g_variant_get_int64 (expected));
          g_assert_false (mysql_binlog_row_get_column_is_unsigned (row, i));
        }
      else if (g_variant_is_of_type (expected, G_VARIANT_TYPE_UINT64))
        {
          g_assert_cmpuint (mysql_binlog_row_get_uint64 (row, i), ==,
                            g_variant_get_uint64 (expected));
          if (cc->type != MYSQL_BINLOG_COLUMN_TYPE_BIT)
            g_assert_true (mysql_binlog_row_get_column_is_unsigned (row, i));
        }
      else if (g_variant_is_of_type (expected, G_VARIANT_TYPE_DOUBLE))
        {
          g_assert_cmpfloat (mysql_binlog_row_get_double (row, i), ==,
                             g_variant_get_double (expected));
          g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, g_variant_get_double (expected));
        }
      else if (g_variant_is_of_type (expected, G_VARIANT_TYPE_STRING))
        {
          g_assert_cmpstr (text, ==, g_variant_get_string (expected, NULL));
        }
      else if (g_variant_is_of_type (expected, G_VARIANT_TYPE_BYTESTRING))
        {
          g_autoptr(GBytes) bytes = mysql_binlog_row_get_bytes (row, i);
          g_autoptr(GBytes) expected_bytes = g_variant_get_data_as_bytes (expected);

          g_assert_nonnull (bytes);
          g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                           g_bytes_get_data (expected_bytes, NULL),
                           g_bytes_get_size (expected_bytes));

          /* GEOMETRY: a 4-byte SRID, then the WKB that ST_AsBinary() gives. */
          if (values->wkb[r][c] != NULL)
            {
              gsize size = g_bytes_get_size (bytes);
              const guint8 *data = g_bytes_get_data (bytes, NULL);

              g_assert_cmpuint (size, >, 4);
              g_assert_cmpmem (data + 4, size - 4, g_bytes_get_data (values->wkb[r][c], NULL),
                               g_bytes_get_size (values->wkb[r][c]));
            }
        }
      else if (g_variant_is_of_type (expected, G_VARIANT_TYPE_STRING_ARRAY))
        {
          g_autofree const char **members = g_variant_get_strv (expected, NULL);
          g_autofree char *joined = g_strjoinv (",", (char **) members);

          g_assert_cmpstr (text, ==, joined);
        }
    }
}

/* Rows of the other images of binlog_row_image=MINIMAL: the key only. */
static void
check_key_only_row (const TypeCase *tc,
                    const char     *schema,
                    MysqlBinlogRow *row,
                    guint           id)
{
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GVariant) value = NULL;

  g_assert_cmpstr (mysql_binlog_row_get_schema (row), ==, schema);
  g_assert_cmpstr (mysql_binlog_row_get_table (row), ==, tc->name);
  g_assert_cmpuint (mysql_binlog_row_get_n_columns (row), ==, 1);
  g_assert_cmpstr (mysql_binlog_row_get_column_name (row, 0), ==, "id");
  g_assert_cmpint (mysql_binlog_row_get_int64 (row, 0), ==, id);
  dict = mysql_binlog_row_to_variant (row);
  g_assert_cmpuint (g_variant_n_children (dict), ==, 1);
  value = g_variant_lookup_value (dict, "id", G_VARIANT_TYPE_INT64);
  g_assert_nonnull (value);
  g_assert_cmpint (g_variant_get_int64 (value), ==, id);
  if (type_case_n_columns (tc) > 0)
    g_assert_cmpint (mysql_binlog_row_get_column_index (row, tc->columns[0].name), ==, -1);
}

/* The rows of one table a capture holds, as text. */
static char *
capture_transcript (Capture    *capture,
                    const char *schema,
                    const char *table)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < capture->signals->len; i++)
    {
      Signal *signal = g_ptr_array_index (capture->signals, i);
      g_autoptr(GVariant) row = NULL;
      g_autofree char *text = NULL;

      if (signal->row == NULL || !row_is_table (signal->row, schema, table))
        continue;
      row = mysql_binlog_row_to_variant (signal->row);
      text = g_variant_print (row, TRUE);
      g_string_append_printf (out, "%d %s", signal->kind, text);
      if (signal->after != NULL)
        {
          g_autoptr(GVariant) after = mysql_binlog_row_to_variant (signal->after);
          g_autofree char *after_text = g_variant_print (after, TRUE);

          g_string_append_printf (out, " -> %s", after_text);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* The server's binary log file, read offline, gives the rows the live
 * stream gave. */
static void
check_offline_rows (Capture             *live,
                    MysqlBinlogPosition *start,
                    const char          *schema,
                    const char          *table)
{
  g_autofree char *path = g_build_filename (test_server_get_dir (server), "binlog",
                                            mysql_binlog_position_get_file (start), NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(Capture) offline = NULL;
  g_autofree char *qualified = g_strdup_printf ("%s.%s", schema, table);
  const char *only[] = { qualified, NULL };
  g_autofree char *live_text = NULL;
  g_autofree char *offline_text = NULL;

  exec ("FLUSH BINARY LOGS");
  stream = mysql_binlog_stream_new_for_file (file);
  mysql_binlog_stream_set_only_tables (stream, only);
  offline = capture_run (stream);
  live_text = capture_transcript (live, schema, table);
  offline_text = capture_transcript (offline, schema, table);
  g_assert_cmpstr (live_text, !=, "");
  g_assert_cmpstr (offline_text, ==, live_text);
}

static void
test_type_case (gconstpointer user_data)
{
  const TypeCaseData *data = user_data;
  const TypeCase *tc = data->type_case;
  g_autofree char *schema = type_case_schema (data->mode);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogPosition) end = NULL;
  g_autoptr(ServerValues) values = NULL;
  g_autoptr(Capture) capture = NULL;
  g_autoptr(GPtrArray) inserted = NULL;
  g_autoptr(GPtrArray) updated = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  guint n_rows = tc->n_rows + 1;
  Signal *last;

  execf ("SET GLOBAL binlog_row_metadata = '%s'", data->mode);
  create_type_case_table (tc, schema);

  start = test_server_master_position (server);
  if (tc->session != NULL)
    exec (tc->session);
  insert_type_case_rows (tc, schema);
  values = read_server_values (tc, schema);
  if (tc->session != NULL)
    exec (tc->session);
  /* One statement changes every row, another deletes them all: the before
   * and after images carry every value again. */
  execf ("UPDATE %s.%s SET id = id + 100 ORDER BY id", schema, tc->name);
  execf ("DELETE FROM %s.%s ORDER BY id", schema, tc->name);
  exec ("SET SESSION sql_mode = DEFAULT, time_zone = DEFAULT");
  end = test_server_master_position (server);

  capture = capture_from (start);

  inserted = capture_rows (capture, KIND_INSERT, schema, tc->name);
  updated = capture_rows (capture, KIND_UPDATE, schema, tc->name);
  deleted = capture_rows (capture, KIND_DELETE, schema, tc->name);
  g_assert_cmpuint (inserted->len, ==, n_rows);
  g_assert_cmpuint (updated->len, ==, n_rows);
  g_assert_cmpuint (deleted->len, ==, n_rows);

  for (guint r = 0; r < n_rows; r++)
    {
      Signal *ins = g_ptr_array_index (inserted, r);
      Signal *upd = g_ptr_array_index (updated, r);
      Signal *del = g_ptr_array_index (deleted, r);

      check_type_case_row (tc, schema, values, ins->row, r, r + 1);
      g_assert_nonnull (upd->after);
      if (row_image_minimal)
        {
          /* The key identifies the row; only the key changed. */
          check_key_only_row (tc, schema, upd->row, r + 1);
          check_key_only_row (tc, schema, upd->after, r + 101);
          check_key_only_row (tc, schema, del->row, r + 101);
          continue;
        }
      check_type_case_row (tc, schema, values, upd->row, r, r + 1);
      check_type_case_row (tc, schema, values, upd->after, r, r + 101);
      check_type_case_row (tc, schema, values, del->row, r, r + 101);
    }

  if (log_bin_compress)
    {
      guint n_compressed = 0;

      for (guint i = 0; i < capture->events->len; i++)
        {
          MysqlBinlogEvent *event = g_ptr_array_index (capture->events, i);

          switch (mysql_binlog_event_get_event_type (event))
            {
            case MYSQL_BINLOG_EVENT_WRITE_ROWS_COMPRESSED_V1:
            case MYSQL_BINLOG_EVENT_UPDATE_ROWS_COMPRESSED_V1:
            case MYSQL_BINLOG_EVENT_DELETE_ROWS_COMPRESSED_V1:
            case MYSQL_BINLOG_EVENT_WRITE_ROWS_COMPRESSED:
            case MYSQL_BINLOG_EVENT_UPDATE_ROWS_COMPRESSED:
            case MYSQL_BINLOG_EVENT_DELETE_ROWS_COMPRESSED:
              n_compressed++;
              break;
            default:
              break;
            }
        }
      /* Rows events large enough came compressed. */
      g_assert_cmpuint (n_compressed, >=, 1);
    }

  /* With the full metadata in the table maps, the file alone describes
   * the rows as well as the server does. */
  if (g_strcmp0 (data->mode, "FULL") == 0)
    check_offline_rows (capture, start, schema, tc->name);

  /* The run ended at the end of the log, after a position at its end. */
  last = capture_last_position (capture);
  g_assert_nonnull (last);
  g_assert_true (mysql_binlog_position_equal (last->position, end));
}

/* }}} */

/* {{{ NULLs in wide tables */

/* A column of a wide table: INT, BIGINT or VARCHAR by position, so that
 * values of different sizes follow each other. */
static const char *
wide_column_type (guint i)
{
  switch (i % 3)
    {
    case 0:
      return "VARCHAR(12)";
    case 1:
      return "INT";
    default:
      return "BIGINT";
    }
}

static char *
wide_value_sql (guint i,
                guint row)
{
  if (i % 3 == 0)
    return g_strdup_printf ("'v%u_%u'", i, row);
  return g_strdup_printf ("%u", i * 1000 + row);
}

static GVariant *
wide_value_variant (guint i,
                    guint row)
{
  if (i % 3 == 0)
    return g_variant_ref_sink (g_variant_new_take_string (g_strdup_printf ("v%u_%u", i, row)));
  return g_variant_ref_sink (g_variant_new_int64 (i * 1000 + row));
}

typedef struct
{
  guint        n_columns;
  const char  *mode;
} WideData;

/* Which columns (1-based) of row @row are NULL. */
static gboolean
wide_is_null (guint n_columns,
              guint row,
              guint i)
{
  switch (row)
    {
    case 1: /* none */
      return FALSE;
    case 2: /* all */
      return TRUE;
    case 3: /* the first and the last */
      return i == 1 || i == n_columns;
    case 4: /* around the byte boundaries of the NULL bitmap */
      return i == 7 || i == 8 || i == 9 || i == 16 || i == 17 || i == 63 || i == 64 || i == 65;
    case 5: /* every other one */
      return i % 2 == 0;
    default: /* every third one, from the second */
      return i % 3 == 2;
    }
}

#define WIDE_ROWS 6

static void
check_wide_row (MysqlBinlogRow *row,
                guint           n_columns,
                guint           id,
                guint           pattern,
                guint           value_row)
{
  g_autoptr(GVariant) dict = mysql_binlog_row_to_variant (row);

  g_assert_cmpuint (mysql_binlog_row_get_n_columns (row), ==, n_columns + 1);
  g_assert_cmpint (mysql_binlog_row_get_int64 (row, 0), ==, id);
  g_assert_cmpuint (g_variant_n_children (dict), ==, n_columns + 1);

  for (guint i = 1; i <= n_columns; i++)
    {
      g_autofree char *name = g_strdup_printf ("c%u", i);
      g_autofree char *what = g_strdup_printf ("row %u column %s", id, name);
      g_autoptr(GVariant) value = mysql_binlog_row_get_value (row, i);
      g_autoptr(GVariant) from_dict = g_variant_lookup_value (dict, name, NULL);
      g_autoptr(GVariant) expected = NULL;
      gboolean is_null = wide_is_null (n_columns, pattern, i);

      g_assert_cmpstr (mysql_binlog_row_get_column_name (row, i), ==, name);
      g_assert_cmpint (mysql_binlog_row_is_null (row, i), ==, is_null);
      if (is_null)
        expected = parse_variant ("@mv nothing");
      else
        expected = wide_value_variant (i, value_row);
      assert_variant_equal (value, expected, what);
      assert_variant_equal (from_dict, expected, what);
    }
}

static void
test_wide_nulls (gconstpointer user_data)
{
  const WideData *data = user_data;
  guint n = data->n_columns;
  g_autofree char *table = g_strdup_printf ("wide%u", n);
  g_autoptr(GString) create = g_string_new (NULL);
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(GString) update = g_string_new (NULL);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(Capture) capture = NULL;
  g_autoptr(GPtrArray) inserted = NULL;
  g_autoptr(GPtrArray) updated = NULL;
  const char *schema = "nulls";

  execf ("SET GLOBAL binlog_row_metadata = '%s'", data->mode);
  exec ("CREATE DATABASE IF NOT EXISTS nulls");
  execf ("DROP TABLE IF EXISTS nulls.%s", table);
  g_string_append_printf (create, "CREATE TABLE nulls.%s (id INT PRIMARY KEY", table);
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (create, ", c%u %s NULL", i, wide_column_type (i));
  g_string_append (create, ")");
  exec (create->str);

  g_string_append_printf (insert, "INSERT INTO nulls.%s VALUES ", table);
  for (guint row = 1; row <= WIDE_ROWS; row++)
    {
      g_string_append_printf (insert, "%s(%u", row > 1 ? ", " : "", row);
      for (guint i = 1; i <= n; i++)
        {
          g_autofree char *value = wide_value_sql (i, row);

          g_string_append_printf (insert, ", %s", wide_is_null (n, row, i) ? "NULL" : value);
        }
      g_string_append (insert, ")");
    }

  /* The update swaps the NULL patterns of rows 1 and 2 (none and all), and
   * of the others: the before and after images differ in their bitmaps. */
  g_string_append_printf (update, "UPDATE nulls.%s SET ", table);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *value = wide_value_sql (i, 7);

      g_string_append_printf (update, "%sc%u = IF(c%u IS NULL, %s, NULL)", i > 1 ? ", " : "",
                              i, i, value);
    }
  g_string_append (update, " ORDER BY id");

  start = test_server_master_position (server);
  exec (insert->str);
  exec (update->str);
  capture = capture_from (start);

  inserted = capture_rows (capture, KIND_INSERT, schema, table);
  updated = capture_rows (capture, KIND_UPDATE, schema, table);
  g_assert_cmpuint (inserted->len, ==, WIDE_ROWS);
  g_assert_cmpuint (updated->len, ==, WIDE_ROWS);

  for (guint row = 1; row <= WIDE_ROWS; row++)
    {
      Signal *ins = g_ptr_array_index (inserted, row - 1);
      Signal *upd = g_ptr_array_index (updated, row - 1);

      check_wide_row (ins->row, n, row, row, row);
      if (row_image_minimal)
        {
          /* Before: the key; after: every column, as every one changed,
           * but not the unchanged key. */
          g_autoptr(GVariant) key = mysql_binlog_row_lookup (upd->row, "id");

          g_assert_cmpuint (mysql_binlog_row_get_n_columns (upd->row), ==, 1);
          g_assert_cmpint (g_variant_get_int64 (key), ==, row);
          g_assert_cmpuint (mysql_binlog_row_get_n_columns (upd->after), ==, n);
          g_assert_cmpint (mysql_binlog_row_get_column_index (upd->after, "id"), ==, -1);
          for (guint i = 1; i <= n; i++)
            {
              g_autofree char *name = g_strdup_printf ("c%u", i);
              g_autoptr(GVariant) value = mysql_binlog_row_lookup (upd->after, name);
              g_autoptr(GVariant) expected = NULL;

              if (wide_is_null (n, row, i))
                expected = wide_value_variant (i, 7);
              else
                expected = parse_variant ("@mv nothing");
              g_assert_cmpint (mysql_binlog_row_get_column_index (upd->after, name), ==, i - 1);
              assert_variant_equal (value, expected, name);
            }
          continue;
        }
      check_wide_row (upd->row, n, row, row, row);

      /* After: the columns that were NULL hold row 7's values, the others
       * are NULL. */
      {
        g_autoptr(GVariant) dict = mysql_binlog_row_to_variant (upd->after);

        g_assert_cmpuint (mysql_binlog_row_get_n_columns (upd->after), ==, n + 1);
        for (guint i = 1; i <= n; i++)
          {
            g_autoptr(GVariant) value = mysql_binlog_row_get_value (upd->after, i);
            g_autoptr(GVariant) expected = NULL;
            g_autofree char *what = g_strdup_printf ("after image of row %u column c%u", row, i);

            if (wide_is_null (n, row, i))
              expected = wide_value_variant (i, 7);
            else
              expected = parse_variant ("@mv nothing");
            assert_variant_equal (value, expected, what);
            g_assert_cmpint (mysql_binlog_row_is_null (upd->after, i), ==,
                             !wide_is_null (n, row, i));
          }
      }
    }
}

/* }}} */

void
test_stream_types_add (void)
{
  static TypeCaseData type_data[G_N_ELEMENTS (metadata_modes)][G_N_ELEMENTS (type_cases)];
  static WideData wide_data[G_N_ELEMENTS (metadata_modes)][2];
  const guint wide_sizes[] = { 9, 70 };

  for (guint m = 0; m < G_N_ELEMENTS (metadata_modes); m++)
    {
      g_autofree char *mode = g_ascii_strdown (metadata_modes[m], -1);

      for (guint i = 0; i < G_N_ELEMENTS (type_cases); i++)
        {
          g_autofree char *path = g_strdup_printf ("/stream/types/%s/%s", mode,
                                                   type_cases[i].name);

          type_data[m][i].type_case = &type_cases[i];
          type_data[m][i].mode = metadata_modes[m];
          g_test_add_data_func (path, &type_data[m][i], test_type_case);
        }

      for (guint i = 0; i < G_N_ELEMENTS (wide_sizes); i++)
        {
          g_autofree char *path = g_strdup_printf ("/stream/nulls/%s/%u-columns", mode,
                                                   wide_sizes[i]);

          wide_data[m][i].n_columns = wide_sizes[i];
          wide_data[m][i].mode = metadata_modes[m];
          g_test_add_data_func (path, &wide_data[m][i], test_wide_nulls);
        }
    }
}

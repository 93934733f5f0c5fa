/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <mysqlbinlog-glib.h>

G_BEGIN_DECLS

/*
 * What the C test programs share that needs no server (the throwaway
 * server is in test-server.h): the real binlog fixtures, byte writers for
 * hand-made events and packets, a row as one line of text, and scratch
 * directories.  Every test program is built with this file.
 */

/* {{{ The binlog fixtures of ../shared/fixtures */

/* The folder of the MySQL binlog fixtures: MYSQL_BINLOG_FIXTURES_DIR, or
 * shared/fixtures/mysql-binlogs beside the source tree; NULL when it is
 * not there. */
const char *test_util_fixtures_dir   (void);

/* TRUE when the fixtures are there; otherwise marks the current test
 * skipped, with the reason, and returns FALSE. */
gboolean    test_util_have_fixtures  (void);

/* The path of fixture @name (the fixtures must be there). */
char       *test_util_fixture_path   (const char *name);

/* }}} */

/* {{{ Little-endian writers for hand-made events and packets */

void        test_util_put_byte       (GByteArray *out,
                                      guint8      value);
void        test_util_put_u16        (GByteArray *out,
                                      guint16     value);
void        test_util_put_u32        (GByteArray *out,
                                      guint32     value);
void        test_util_put_u64        (GByteArray *out,
                                      guint64     value);
/* The bytes of @value without its NUL. */
void        test_util_put_string     (GByteArray *out,
                                      const char *value);

/* }}} */

/* {{{ Rows as text */

/* Appends "@what schema.table (values)\n", the values printed from
 * mysql_binlog_row_to_variant() with their types. */
void        test_util_append_row     (GString        *out,
                                      const char     *what,
                                      MysqlBinlogRow *row);

/* }}} */

/* {{{ Scratch directories */

/* A new empty directory under the temporary folder, from @tmpl
 * ("name-XXXXXX"); fails the test program if it can't be made. */
char       *test_util_make_tmp_dir   (const char *tmpl);

/* Removes @dir and everything in it (it need not exist). */
void        test_util_remove_tree    (const char *dir);

/* }}} */

/* The longest prefix of the UTF-8 text @text (of @length bytes) made of
 * whole characters that fits in @room bytes: its length. */
gsize       test_util_utf8_prefix    (const char *text,
                                      gsize       length,
                                      gsize       room);
/* Checks that mysql_binlog_row_format_value() of @column writes what
 * dup_string() gives (the empty string for NULL) at buffer sizes 0, 1, 2,
 * 3, 4, 7, 16, 96, 4096 and the text's length + 1: the whole when it fits,
 * else the longest prefix of whole UTF-8 characters that fits, and returns
 * the whole length; @what names the value in a failure. */
void        test_util_assert_format_value (MysqlBinlogRow *row,
                                           guint           column,
                                           const char     *what);

G_END_DECLS

/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The qualified name of a table, "schema.table", written so that two
 * tables never share one: a part that is empty or contains a dot, a
 * backquote, `*` or `?` is written in backquotes, its backquotes doubled
 * (x.`y.z` and `x.y`.z); any other part is written as it is (shop.orders).
 * Compiled into the library and into the command-line tool.
 */

char     *_mysql_binlog_name_qualify (const char  *schema,
                                      const char  *table);
/* Reads @qualified back: each part plain (no dot, no backquote, not
 * empty) or in backquotes, split at the one dot between them.  FALSE
 * when it is not of that form. */
gboolean  _mysql_binlog_name_split   (const char  *qualified,
                                      char       **schema,
                                      char       **table);
/* The qualified name as _mysql_binlog_name_qualify() writes it of the
 * table @name names (any spelling _mysql_binlog_name_split() reads), or
 * NULL. */
char     *_mysql_binlog_name_canonical (const char *name);

/* A table filter pattern "schema.table": each part a glob (`*`, `?`)
 * when plain, literal when in backquotes; matched part by part.  A lone
 * `*` is every table. */
typedef struct _MysqlBinlogNamePattern MysqlBinlogNamePattern;

MysqlBinlogNamePattern *_mysql_binlog_name_pattern_new        (const char              *pattern,
                                                               gboolean                 qualified,
                                                               GError                 **error);
void                    _mysql_binlog_name_pattern_free       (MysqlBinlogNamePattern  *pattern);
/* @table is ignored by a pattern of a schema (@qualified FALSE). */
gboolean                _mysql_binlog_name_pattern_match      (const MysqlBinlogNamePattern *pattern,
                                                               const char              *schema,
                                                               const char              *table);

G_END_DECLS

/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mysql-binlog-position.h"

G_BEGIN_DECLS

/*
 * The progress of a snapshot that a position carries (the tables still to
 * read, the primary key of the last row delivered), as a token that
 * mysql-binlog-snapshot.c writes and reads: URI-unreserved characters and
 * `%,=;+` only, so that it never holds a space.
 */

gboolean             _mysql_binlog_snapshot_token_is_valid (const char                *token);
/* (transfer full): @position with @token (nullable: none) as its progress. */
MysqlBinlogPosition *_mysql_binlog_position_with_snapshot  (const MysqlBinlogPosition *position,
                                                            const char                *token);
const char          *_mysql_binlog_position_get_snapshot   (const MysqlBinlogPosition *position);

/*
 * The table definitions in force at a position (a state of the schema
 * history, see _mysql_binlog_schema_history_snapshot()), which the
 * positions a live stream delivers carry and a file position store
 * saves beside the position and gives back with it.  Not part of the
 * string form, of equal() or of hash(): a position without them is the
 * same point, whose definitions a stream started there reads afresh.
 */

/* (transfer full): @position with @schema (nullable: none). */
MysqlBinlogPosition *_mysql_binlog_position_with_schema    (const MysqlBinlogPosition *position,
                                                            GBytes                    *schema);
/* (transfer none) (nullable) */
GBytes              *_mysql_binlog_position_get_schema     (const MysqlBinlogPosition *position);

G_END_DECLS

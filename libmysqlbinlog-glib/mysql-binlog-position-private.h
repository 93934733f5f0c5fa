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

G_END_DECLS

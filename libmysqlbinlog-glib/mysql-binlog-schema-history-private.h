/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-definition-private.h"
#include "mysql-binlog-filter-private.h"
#include "mysql-binlog-metadata-private.h"
#include "mysql-binlog-stream.h"

G_BEGIN_DECLS

/*
 * The definitions of the tables as of the stream's point in the binary
 * log, for table maps that do not carry names, signedness, character sets
 * or members (binlog_row_metadata other than FULL).
 *
 * A table is either followed (its definition came from a CREATE TABLE of
 * the binary log, or from the server while the stream was at the end of
 * the log, and every DDL statement since was applied to it) or not.  The
 * definition of a table not followed is read from the server's
 * information_schema (as it is now) and used for an event only where it
 * is known to hold then: it was written before the event (see
 * MysqlBinlogDefinition's written_at) and agrees with the event's table
 * map (_mysql_binlog_definition_check()).  Every definition, followed or
 * not, must agree with the table map.
 *
 * Where no definition is known, the table's rows are either refused (the
 * run fails with MYSQL_BINLOG_ERROR_UNSUPPORTED, naming the table, the
 * statement that made it unknown and the fix) or given positionally, as
 * the stream's schema-unknown property says.
 */
typedef struct _MysqlBinlogSchemaHistory MysqlBinlogSchemaHistory;

/* Takes @metadata (NULL: no server to ask); borrows @filter (the watched
 * tables, NULL for all). */
MysqlBinlogSchemaHistory *_mysql_binlog_schema_history_new      (MysqlBinlogMetadata       *metadata,
                                                                 MysqlBinlogSchemaUnknown   unknown,
                                                                 const MysqlBinlogFilter   *filter);
void                      _mysql_binlog_schema_history_free     (MysqlBinlogSchemaHistory  *history);
/* The history is the one of a stream of @file (its name for messages): a
 * table map that names the columns is read as it is where no definition
 * known to hold completes it, and @no_source (or NULL) says why no
 * server or saved history gives a definition the file does not. */
void                      _mysql_binlog_schema_history_set_file (MysqlBinlogSchemaHistory  *history,
                                                                 const char                *file,
                                                                 const char                *no_source);

/* Completes the new table of a table map written at @timestamp, at
 * @offset of @file of the server's binary log (0: not known), with what
 * @needs names, or makes it positional (see MysqlBinlogSchemaUnknown);
 * FALSE with @error set when its rows must not be delivered, or the
 * server could not be asked. */
gboolean                  _mysql_binlog_schema_history_complete (MysqlBinlogSchemaHistory  *history,
                                                                 MysqlBinlogTable          *table,
                                                                 MysqlBinlogTableNeeds      needs,
                                                                 guint32                    timestamp,
                                                                 const char                *file,
                                                                 guint64                    offset,
                                                                 GError                   **error);

/* A statement the binary log holds as text, other than the transaction's
 * own (BEGIN, COMMIT, ...): DDL, run with @schema as the default
 * database (@exact: FALSE when bytes of its text were no character of the
 * session's set, now U+FFFD), logged with @error_code (not 0: it failed part way) by a
 * session whose collation_server is @server_collation (0: not known), written
 * at @timestamp, ending at @end of @file of the server's binary log (0:
 * not known).  Returns the "schema.table" names of the watched tables
 * whose definition it changed, made unknown or emptied (NULL when none),
 * for the schema-changed signal. */
GStrv                     _mysql_binlog_schema_history_statement (MysqlBinlogSchemaHistory *history,
                                                                  const char               *schema,
                                                                  const char               *statement,
                                                                  gboolean                  exact,
                                                                  guint                     error_code,
                                                                  guint                     server_collation,
                                                                  guint32                   timestamp,
                                                                  const char               *file,
                                                                  guint64                   end);

/* The history as it is now, to save with the position it holds at
 * (text; the same bytes until it changes).  Per DDL statement, never per
 * row: _mysql_binlog_schema_history_changed() tells when it changed. */
GBytes                   *_mysql_binlog_schema_history_snapshot  (MysqlBinlogSchemaHistory *history);
gboolean                  _mysql_binlog_schema_history_changed   (MysqlBinlogSchemaHistory *history);
/* Replaces what the history holds with a snapshot. */
gboolean                  _mysql_binlog_schema_history_restore   (MysqlBinlogSchemaHistory  *history,
                                                                  GBytes                    *snapshot,
                                                                  GError                   **error);

G_END_DECLS

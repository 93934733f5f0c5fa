/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Sets of global transaction identifiers, in both servers' notations.
 *
 * A MariaDB GTID list holds, for each replication domain, the last
 * transaction seen in it: `domain-server-sequence`, comma-separated
 * (`0-1-42,1-2-7`).  A MySQL GTID set holds intervals of transaction
 * numbers for each source UUID, optionally under a tag (MySQL 8.4):
 * `3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7,3e11fa47-…:tag:1-3`.
 *
 * A set holds one kind or the other (an empty set is of neither kind
 * until something is added).  It also decodes the binary forms the
 * servers write in their binary logs.
 */

typedef struct _MysqlBinlogGtidSet MysqlBinlogGtidSet;

typedef enum {
  MYSQL_BINLOG_GTID_KIND_NONE,
  MYSQL_BINLOG_GTID_KIND_MARIADB,
  MYSQL_BINLOG_GTID_KIND_MYSQL,
} MysqlBinlogGtidKind;

MysqlBinlogGtidSet *_mysql_binlog_gtid_set_new         (void);
void                _mysql_binlog_gtid_set_free        (MysqlBinlogGtidSet        *set);
MysqlBinlogGtidSet *_mysql_binlog_gtid_set_copy        (const MysqlBinlogGtidSet  *set);
/* Parses either notation; an empty or blank string is the empty set. */
MysqlBinlogGtidSet *_mysql_binlog_gtid_set_parse       (const char                *text,
                                                        GError                   **error);
/* The canonical text: MariaDB domains in increasing order; MySQL UUIDs in
 * lowercase and increasing order, untagged intervals before tagged ones,
 * tags in alphabetical order, intervals merged. */
char               *_mysql_binlog_gtid_set_to_string   (const MysqlBinlogGtidSet  *set);
MysqlBinlogGtidKind _mysql_binlog_gtid_set_get_kind    (const MysqlBinlogGtidSet  *set);
gboolean            _mysql_binlog_gtid_set_is_empty    (const MysqlBinlogGtidSet  *set);

/* MariaDB: @domain's last transaction becomes @server-@sequence. */
gboolean            _mysql_binlog_gtid_set_add_mariadb (MysqlBinlogGtidSet        *set,
                                                        guint32                    domain,
                                                        guint32                    server,
                                                        guint64                    sequence,
                                                        GError                   **error);
/* MySQL: adds the transactions @first..@last (inclusive) of @uuid:@tag
 * (@tag NULL or "" for untagged). */
gboolean            _mysql_binlog_gtid_set_add_mysql   (MysqlBinlogGtidSet        *set,
                                                        const guint8              *uuid,
                                                        const char                *tag,
                                                        guint64                    first,
                                                        guint64                    last,
                                                        GError                   **error);
/* Adds every transaction of @other to @set.  For MariaDB lists, a domain
 * keeps the later of the two sequence numbers. */
gboolean            _mysql_binlog_gtid_set_union       (MysqlBinlogGtidSet        *set,
                                                        const MysqlBinlogGtidSet  *other,
                                                        GError                   **error);
/* Whether every transaction of @other is in @set.  For MariaDB lists: each
 * domain of @other is in @set with at least the same sequence number. */
gboolean            _mysql_binlog_gtid_set_contains    (const MysqlBinlogGtidSet  *set,
                                                        const MysqlBinlogGtidSet  *other);

/* The MySQL binary encoding (as PREVIOUS_GTIDS and COM_BINLOG_DUMP_GTID
 * carry it): the tagged format when a tag is present. */
GBytes             *_mysql_binlog_gtid_set_encode      (const MysqlBinlogGtidSet  *set);

/* Event bodies (the part after the common header, without checksum). */
gboolean            _mysql_binlog_gtid_parse_mariadb_list  (const guint8          *data,
                                                            gsize                  length,
                                                            MysqlBinlogGtidSet    *set,
                                                            GError               **error);
gboolean            _mysql_binlog_gtid_parse_previous_gtids (const guint8         *data,
                                                             gsize                 length,
                                                             MysqlBinlogGtidSet   *set,
                                                             GError              **error);
/* GTID (33), ANONYMOUS_GTID (34) and GTID_TAGGED (42) events.  @tag is
 * set to NULL for untagged GTIDs; an anonymous GTID has @gno 0. */
gboolean            _mysql_binlog_gtid_parse_mysql_event   (guint8                 type,
                                                            const guint8          *data,
                                                            gsize                  length,
                                                            guint8                 uuid[16],
                                                            char                 **tag,
                                                            guint64               *gno,
                                                            GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MysqlBinlogGtidSet, _mysql_binlog_gtid_set_free)

G_END_DECLS

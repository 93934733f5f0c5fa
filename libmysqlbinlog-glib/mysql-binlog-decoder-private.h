/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-table-map-private.h"
#include "mysql-binlog-table-private.h"

G_BEGIN_DECLS

/*
 * The event decoder: framing and checksums, the format description, and the
 * events that carry structure (rotate, query, table map, rows, GTIDs, XID).
 * It knows nothing of connections or signals, so the same code reads a live
 * stream, a file and fuzzer input.
 */

#define MYSQL_BINLOG_EVENT_HEADER_LENGTH 19
#define MYSQL_BINLOG_EVENT_FLAG_ARTIFICIAL 0x0020


typedef struct
{
  const guint8 *data;          /* the event, header included */
  gsize         length;        /* its length without the checksum */
  guint32       timestamp;
  guint8        type;
  guint32       server_id;
  guint32       event_size;
  guint32       log_pos;       /* offset of the next event; 0 for artificial events */
  guint16       flags;
  const guint8 *post_header;   /* the type-specific part, after the common header */
  gsize         post_header_length;
  const guint8 *body;          /* after the post-header, up to the checksum */
  gsize         body_length;
  gboolean      partial;       /* only the first @length bytes are at @data: the
                                * event is read in parts, its checksum at its end */
} MysqlBinlogEventInfo;

typedef struct
{
  MysqlBinlogTable *table;      /* borrowed from the decoder */
  guint8            kind;       /* 'i' insert, 'u' update, 'd' delete */
  gboolean          partial;    /* after images may hold JSON diffs */
  guint16           flags;
  const guint8     *present;    /* columns in the (before) image */
  guint             n_present;
  const guint8     *present_after;  /* updates: columns in the after image */
  guint             n_present_after;
  const guint8     *rows;       /* the row images */
  const guint8     *rows_end;
} MysqlBinlogRowsInfo;

typedef struct _MysqlBinlogDecoder MysqlBinlogDecoder;

MysqlBinlogDecoder *_mysql_binlog_decoder_new              (void);
void                _mysql_binlog_decoder_free             (MysqlBinlogDecoder          *decoder);

/* Whether events carry a CRC32 checksum before the first format
 * description arrives (a live stream knows it from the server). */
void                _mysql_binlog_decoder_set_checksum     (MysqlBinlogDecoder          *decoder,
                                                            gboolean                     crc32);
gboolean            _mysql_binlog_decoder_get_checksum     (MysqlBinlogDecoder          *decoder);
/* Every event must carry a valid checksum, even those a server makes up
 * for a replica (a file has none of those). */
void                _mysql_binlog_decoder_set_strict_checksums (MysqlBinlogDecoder      *decoder,
                                                                gboolean                 strict);

/* Splits the header, verifies the length and checksum.  @offset is only
 * used in error messages. */
gboolean            _mysql_binlog_decoder_parse_header     (MysqlBinlogDecoder          *decoder,
                                                            const guint8                *data,
                                                            gsize                        length,
                                                            MysqlBinlogEventInfo        *info,
                                                            GError                     **error);

/* The same for the first @length bytes of a larger event, read in parts
 * (a large transaction payload of a file): the checksum is left to the
 * reader of the rest; @info->length is @length and @info->partial TRUE. */
gboolean            _mysql_binlog_decoder_parse_first_part (MysqlBinlogDecoder      *decoder,
                                                            const guint8            *data,
                                                            gsize                    length,
                                                            MysqlBinlogEventInfo    *info,
                                                            GError                 **error);

gboolean            _mysql_binlog_decoder_format_description (MysqlBinlogDecoder        *decoder,
                                                              MysqlBinlogEventInfo      *info,
                                                              GError                   **error);
/* The server flavour of the last format description (MySQL before any),
 * which decides how a table map's optional metadata is counted. */
MysqlBinlogFlavour  _mysql_binlog_decoder_get_flavour      (MysqlBinlogDecoder          *decoder);

gboolean            _mysql_binlog_decoder_rotate           (MysqlBinlogDecoder          *decoder,
                                                            const MysqlBinlogEventInfo  *info,
                                                            char                       **file,
                                                            guint64                     *position,
                                                            GError                     **error);
gboolean            _mysql_binlog_decoder_query            (MysqlBinlogDecoder          *decoder,
                                                            const MysqlBinlogEventInfo  *info,
                                                            char                       **schema,
                                                            char                       **statement,
                                                            gboolean                    *exact,
                                                            GError                     **error);
/* The error code of a query event the decoder read: not 0 when the
 * statement failed after it changed something the server could not
 * undo, and was logged so that a replica fails alike. */
guint16             _mysql_binlog_decoder_query_error_code (const MysqlBinlogEventInfo  *info);
/* The collation_server of the session that ran the statement of a query
 * event (its status variables), 0 when the event does not say. */
guint               _mysql_binlog_decoder_query_server_collation (const MysqlBinlogEventInfo *info);
gboolean            _mysql_binlog_decoder_mariadb_gtid     (MysqlBinlogDecoder          *decoder,
                                                            const MysqlBinlogEventInfo  *info,
                                                            guint32                     *domain,
                                                            guint64                     *sequence,
                                                            guint8                      *flags,
                                                            GError                     **error);
/* Checks the shape of an XID event and reads its transaction id. */
gboolean            _mysql_binlog_decoder_xid              (MysqlBinlogDecoder          *decoder,
                                                            const MysqlBinlogEventInfo  *info,
                                                            guint64                     *xid,
                                                            GError                     **error);
/* Parses a table map (see _mysql_binlog_table_map_parse()) and remembers
 * the table under its id.  Returns the
 * table (borrowed) and whether it is new, i.e. not the same table map as
 * the one already known under that id; @needs says what the table map did
 * not describe. */
MysqlBinlogTable   *_mysql_binlog_decoder_table_map        (MysqlBinlogDecoder          *decoder,
                                                            const MysqlBinlogEventInfo  *info,
                                                            gboolean                    *is_new,
                                                            MysqlBinlogTableNeeds       *needs,
                                                            GError                     **error);
/* Forgets every table map (after a DDL statement). */
void                _mysql_binlog_decoder_forget_tables    (MysqlBinlogDecoder          *decoder);
/* Forgets the table map of one table id: a later rows event of it fails,
 * a later table map of it is read afresh. */
void                _mysql_binlog_decoder_forget_table     (MysqlBinlogDecoder          *decoder,
                                                            guint64                      table_id);
/* Parses the header of a rows event; the table comes from the table map
 * that preceded it. */
gboolean            _mysql_binlog_decoder_rows             (MysqlBinlogDecoder          *decoder,
                                                            const MysqlBinlogEventInfo  *info,
                                                            MysqlBinlogRowsInfo         *rows,
                                                            GError                     **error);
/* Whether the rows of @rows can be decoded exactly: fails with
 * MYSQL_BINLOG_ERROR_UNSUPPORTED, naming the table and the column, when a
 * row has a value in a column whose format the reader does not know
 * (precision_unknown).  Checks every row of the event before any is
 * delivered; cheap when the table has no such column. */
gboolean            _mysql_binlog_decoder_check_rows       (const MysqlBinlogRowsInfo   *rows,
                                                            GError                     **error);
/* A MariaDB compressed rows event (log_bin_compress) as the plain rows
 * event it stands for: @plain describes the returned bytes. */
GBytes             *_mysql_binlog_decoder_uncompress_rows  (MysqlBinlogDecoder          *decoder,
                                                            const MysqlBinlogEventInfo  *info,
                                                            MysqlBinlogEventInfo        *plain,
                                                            GError                     **error);
/* The table id a rows or table map event refers to. */
gboolean            _mysql_binlog_decoder_table_id         (MysqlBinlogDecoder          *decoder,
                                                            const MysqlBinlogEventInfo  *info,
                                                            guint64                     *table_id);
MysqlBinlogTable   *_mysql_binlog_decoder_lookup_table     (MysqlBinlogDecoder          *decoder,
                                                            guint64                      table_id);

/* Incident numbers of INCIDENT events. */
enum {
  MYSQL_BINLOG_INCIDENT_NONE = 0,
  MYSQL_BINLOG_INCIDENT_LOST_EVENTS = 1,
};
const char         *_mysql_binlog_incident_name            (guint16                      number);
/* An INCIDENT event: the source's note that it lost events there. */
gboolean            _mysql_binlog_decoder_incident         (MysqlBinlogDecoder          *decoder,
                                                            const MysqlBinlogEventInfo  *info,
                                                            guint16                     *number,
                                                            char                       **message,
                                                            GError                     **error);
/* The XID of an XA_PREPARE event, as X'gtrid',X'bqual',formatID. */
gboolean            _mysql_binlog_decoder_xa_prepare       (MysqlBinlogDecoder          *decoder,
                                                            const MysqlBinlogEventInfo  *info,
                                                            gboolean                    *one_phase,
                                                            char                       **xid,
                                                            GError                     **error);
/* What HEARTBEAT, HEARTBEAT_V2, TRANSACTION_CONTEXT, VIEW_CHANGE, INCIDENT
 * and XA_PREPARE events carry, as "Name: value" lines (empty for other
 * events); NULL with MYSQL_BINLOG_ERROR_CORRUPT_EVENT when malformed. */
char               *_mysql_binlog_decoder_describe         (MysqlBinlogDecoder          *decoder,
                                                            const MysqlBinlogEventInfo  *info,
                                                            GError                     **error);

G_END_DECLS

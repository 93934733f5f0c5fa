/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "mysql-binlog-charset-private.h"
#include "mysql-binlog-column-private.h"
#include "mysql-binlog-decoder-private.h"
#include "mysql-binlog-error-private.h"
#include "mysql-binlog-event.h"
#include "wire-private.h"

#define CHECKSUM_LENGTH 4
#define CHECKSUM_ALG_OFF 0
#define CHECKSUM_ALG_CRC32 1
#define CHECKSUM_ALG_UNDEF 255

/* LOG_EVENT_BINLOG_IN_USE_F: set in the format description of a binary
 * log file while the server writes it. */
#define BINLOG_IN_USE_FLAG 0x01

/* Format description: binlog version (2), server version (50), create
 * time (4), header length (1), then one post-header length per type. */
#define FDE_FIXED_LENGTH (2 + 50 + 4 + 1)

struct _MysqlBinlogDecoder
{
  gboolean    checksum;
  guint8      binlog_version;
  char        server_version[51];
  guint8      header_length;
  guint8      post_header_lengths[256];
  gboolean    have_format;
  gboolean    strict_checksums;
  MysqlBinlogFlavour flavour;   /* of the last format description */
  GHashTable *tables;   /* guint64 id → MysqlBinlogTable */
};

static guint
table_id_hash (gconstpointer key)
{
  const guint64 *id = key;
  return (guint) (*id ^ (*id >> 32));
}

static gboolean
table_id_equal (gconstpointer a,
                gconstpointer b)
{
  return *(const guint64 *) a == *(const guint64 *) b;
}

MysqlBinlogDecoder *
_mysql_binlog_decoder_new (void)
{
  MysqlBinlogDecoder *decoder = g_new0 (MysqlBinlogDecoder, 1);

  decoder->binlog_version = 4;
  decoder->header_length = MYSQL_BINLOG_EVENT_HEADER_LENGTH;
  decoder->tables = g_hash_table_new_full (table_id_hash, table_id_equal, NULL,
                                           (GDestroyNotify) _mysql_binlog_table_unref);
  return decoder;
}

void
_mysql_binlog_decoder_free (MysqlBinlogDecoder *decoder)
{
  if (decoder == NULL)
    return;
  g_hash_table_unref (decoder->tables);
  g_free (decoder);
}

void
_mysql_binlog_decoder_set_checksum (MysqlBinlogDecoder *decoder,
                                    gboolean            crc32)
{
  decoder->checksum = crc32;
}

void
_mysql_binlog_decoder_set_strict_checksums (MysqlBinlogDecoder *decoder,
                                            gboolean            strict)
{
  decoder->strict_checksums = strict;
}

gboolean
_mysql_binlog_decoder_get_checksum (MysqlBinlogDecoder *decoder)
{
  return decoder->checksum;
}

static guint
default_post_header_length (guint8 type)
{
  switch (type)
    {
    case MYSQL_BINLOG_EVENT_QUERY:
    case MYSQL_BINLOG_EVENT_QUERY_COMPRESSED:
      return 13;
    case MYSQL_BINLOG_EVENT_ROTATE:
      return 8;
    case MYSQL_BINLOG_EVENT_TABLE_MAP:
    case MYSQL_BINLOG_EVENT_WRITE_ROWS_V1:
    case MYSQL_BINLOG_EVENT_UPDATE_ROWS_V1:
    case MYSQL_BINLOG_EVENT_DELETE_ROWS_V1:
    case MYSQL_BINLOG_EVENT_WRITE_ROWS_COMPRESSED_V1:
    case MYSQL_BINLOG_EVENT_UPDATE_ROWS_COMPRESSED_V1:
    case MYSQL_BINLOG_EVENT_DELETE_ROWS_COMPRESSED_V1:
      return 8;
    case MYSQL_BINLOG_EVENT_WRITE_ROWS:
    case MYSQL_BINLOG_EVENT_UPDATE_ROWS:
    case MYSQL_BINLOG_EVENT_DELETE_ROWS:
    case MYSQL_BINLOG_EVENT_PARTIAL_UPDATE_ROWS:
    case MYSQL_BINLOG_EVENT_WRITE_ROWS_COMPRESSED:
    case MYSQL_BINLOG_EVENT_UPDATE_ROWS_COMPRESSED:
    case MYSQL_BINLOG_EVENT_DELETE_ROWS_COMPRESSED:
      return 10;
    case MYSQL_BINLOG_EVENT_MARIADB_GTID:
      return 19;
    case MYSQL_BINLOG_EVENT_GTID_LIST:
    case MYSQL_BINLOG_EVENT_BINLOG_CHECKPOINT:
      return 4;
    default:
      return 0;
    }
}

static guint
post_header_length (MysqlBinlogDecoder *decoder,
                    guint8              type)
{
  /* A transaction payload announces the largest size of its header
   * fields, which are really variable-length: they start right after the
   * common header. */
  if (type == MYSQL_BINLOG_EVENT_TRANSACTION_PAYLOAD)
    return 0;
  /* The format description's own table is authoritative once it is
   * known; events before it (the fake rotate) use the defaults. */
  if (decoder->have_format && type > 0 && decoder->post_header_lengths[type - 1] != 0)
    return decoder->post_header_lengths[type - 1];
  if (type == MYSQL_BINLOG_EVENT_FORMAT_DESCRIPTION || type == MYSQL_BINLOG_EVENT_HEARTBEAT)
    return 0;
  return default_post_header_length (type);
}

/* The common header and the post-header of an event whose first @length
 * bytes are at @data; with @whole, they are the whole event and its
 * checksum is verified. */
static gboolean
parse_header (MysqlBinlogDecoder    *decoder,
              const guint8          *data,
              gsize                  length,
              gboolean               whole,
              MysqlBinlogEventInfo  *info,
              GError               **error)
{
  gsize header_length = decoder->header_length;
  gsize post_length;
  gboolean checksum;

  if (length < MYSQL_BINLOG_EVENT_HEADER_LENGTH || length < header_length)
    return _mysql_binlog_set_corrupt (error, "Truncated event: %" G_GSIZE_FORMAT " bytes, shorter than the %"
                                      G_GSIZE_FORMAT "-byte event header", length, header_length);

  memset (info, 0, sizeof *info);
  info->data = data;
  info->timestamp = _mysql_binlog_le32 (data);
  info->type = data[4];
  info->server_id = _mysql_binlog_le32 (data + 5);
  info->event_size = _mysql_binlog_le32 (data + 9);
  info->log_pos = _mysql_binlog_le32 (data + 13);
  info->flags = _mysql_binlog_le16 (data + 17);

  if (whole ? info->event_size != length : info->event_size <= length)
    return _mysql_binlog_set_corrupt (error, "Event of type %u declares %u bytes but %" G_GSIZE_FORMAT
                                      " bytes were read", info->type, info->event_size, length);

  if (info->type == MYSQL_BINLOG_EVENT_FORMAT_DESCRIPTION)
    {
      /* Its checksum algorithm is inside it: the format description
       * handler verifies it. */
      checksum = FALSE;
    }
  else
    {
      checksum = decoder->checksum;
      if (checksum && info->event_size < header_length + CHECKSUM_LENGTH)
        return _mysql_binlog_set_corrupt (error, "Event of type %u is too short (%u"
                                          " bytes) to carry its checksum", info->type,
                                          info->event_size);
    }

  if (!whole)
    {
      /* The reader of the rest verifies the checksum. */
      info->partial = TRUE;
    }
  else if (checksum)
    {
      guint32 expected = _mysql_binlog_le32 (data + length - CHECKSUM_LENGTH);
      guint32 actual = _mysql_binlog_crc32 (0, data, length - CHECKSUM_LENGTH);

      if (expected != actual)
        {
          /* The artificial events a server makes up for a replica (the
           * rotate at the start, heartbeats) may come without one. */
          if (decoder->strict_checksums ||
              (!(info->flags & MYSQL_BINLOG_EVENT_FLAG_ARTIFICIAL) &&
               info->type != MYSQL_BINLOG_EVENT_HEARTBEAT &&
               !(info->type == MYSQL_BINLOG_EVENT_ROTATE && info->timestamp == 0)))
            {
              g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CHECKSUM_MISMATCH,
                           "Checksum mismatch in an event of type %u: it carries 0x%08x, "
                           "its contents give 0x%08x", info->type, expected, actual);
              return FALSE;
            }
        }
      else
        length -= CHECKSUM_LENGTH;
    }

  info->length = length;
  post_length = post_header_length (decoder, info->type);
  if (length - header_length < post_length)
    return _mysql_binlog_set_corrupt (error, "Event of type %u is too short (%" G_GSIZE_FORMAT
                                      " bytes) for its %" G_GSIZE_FORMAT "-byte post-header",
                                      info->type, length, post_length);
  info->post_header = data + header_length;
  info->post_header_length = post_length;
  info->body = info->post_header + post_length;
  info->body_length = length - header_length - post_length;
  return TRUE;
}

gboolean
_mysql_binlog_decoder_parse_header (MysqlBinlogDecoder    *decoder,
                                    const guint8          *data,
                                    gsize                  length,
                                    MysqlBinlogEventInfo  *info,
                                    GError               **error)
{
  return parse_header (decoder, data, length, TRUE, info, error);
}

gboolean
_mysql_binlog_decoder_parse_first_part (MysqlBinlogDecoder    *decoder,
                                        const guint8          *data,
                                        gsize                  length,
                                        MysqlBinlogEventInfo  *info,
                                        GError               **error)
{
  return parse_header (decoder, data, length, FALSE, info, error);
}

/* MariaDB writes "10.11.19-MariaDB-log" and the like; MySQL never
 * names itself there. */
static gboolean
server_version_is_mariadb (const char *version)
{
  return strstr (version, "MariaDB") != NULL || strstr (version, "mariadb") != NULL;
}

static gboolean
server_version_has_checksums (const char *version)
{
  guint major = 0, minor = 0, micro = 0;

  if (sscanf (version, "%u.%u.%u", &major, &minor, &micro) < 2)
    return FALSE;
  if (server_version_is_mariadb (version))
    return major > 5 || (major == 5 && minor >= 3);
  return major > 5 || (major == 5 && (minor > 6 || (minor == 6 && micro >= 1)));
}

gboolean
_mysql_binlog_decoder_format_description (MysqlBinlogDecoder    *decoder,
                                          MysqlBinlogEventInfo  *info,
                                          GError               **error)
{
  const guint8 *p = info->data + MYSQL_BINLOG_EVENT_HEADER_LENGTH;
  gsize available = info->event_size - MYSQL_BINLOG_EVENT_HEADER_LENGTH;
  gsize n_types;
  guint8 header_length;
  guint8 alg = CHECKSUM_ALG_OFF;
  gboolean has_alg;

  if (available < FDE_FIXED_LENGTH)
    return _mysql_binlog_set_corrupt (error, "Truncated format description event (%u bytes)", info->event_size);

  decoder->binlog_version = _mysql_binlog_le16 (p);
  memcpy (decoder->server_version, p + 2, 50);
  decoder->server_version[50] = '\0';
  header_length = p[56];

  if (decoder->binlog_version != 4)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                   "Binary log format version %u (server %s) is not supported; "
                   "only version 4 (MySQL 5.0 and later, MariaDB) is",
                   decoder->binlog_version, decoder->server_version);
      return FALSE;
    }
  if (header_length < MYSQL_BINLOG_EVENT_HEADER_LENGTH)
    return _mysql_binlog_set_corrupt (error, "The format description declares a %u-byte event header", header_length);

  has_alg = server_version_has_checksums (decoder->server_version);
  n_types = available - FDE_FIXED_LENGTH;
  if (has_alg)
    {
      if (n_types < 1 + CHECKSUM_LENGTH)
        return _mysql_binlog_set_corrupt (error, "Truncated format description event (%u bytes)", info->event_size);
      alg = info->data[info->event_size - CHECKSUM_LENGTH - 1];
      n_types -= 1 + CHECKSUM_LENGTH;
      if (alg == CHECKSUM_ALG_CRC32)
        {
          guint32 expected = _mysql_binlog_le32 (info->data + info->event_size - CHECKSUM_LENGTH);
          guint8 flags_low = info->data[17] & ~BINLOG_IN_USE_FLAG;
          guint32 actual;

          /* The server sets the "file in use" flag of the format
           * description after it computed the checksum. */
          actual = _mysql_binlog_crc32 (0, info->data, 17);
          actual = _mysql_binlog_crc32 (actual, &flags_low, 1);
          actual = _mysql_binlog_crc32 (actual, info->data + 18, info->event_size - CHECKSUM_LENGTH - 18);

          if (expected != actual)
            {
              g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CHECKSUM_MISMATCH,
                           "Checksum mismatch in the format description event: it carries "
                           "0x%08x, its contents give 0x%08x", expected, actual);
              return FALSE;
            }
        }
      else if (alg != CHECKSUM_ALG_OFF && alg != CHECKSUM_ALG_UNDEF)
        {
          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                       "Unknown binlog checksum algorithm %u", alg);
          return FALSE;
        }
    }

  memset (decoder->post_header_lengths, 0, sizeof decoder->post_header_lengths);
  memcpy (decoder->post_header_lengths, p + FDE_FIXED_LENGTH, MIN (n_types, 255));
  decoder->header_length = header_length;
  decoder->checksum = (alg == CHECKSUM_ALG_CRC32);
  decoder->have_format = TRUE;
  decoder->flavour = server_version_is_mariadb (decoder->server_version)
                     ? MYSQL_BINLOG_FLAVOUR_MARIADB : MYSQL_BINLOG_FLAVOUR_MYSQL;

  info->length = info->event_size - (has_alg ? CHECKSUM_LENGTH : 0);
  info->post_header = p;
  info->post_header_length = 0;
  info->body = p;
  info->body_length = info->length - MYSQL_BINLOG_EVENT_HEADER_LENGTH;
  return TRUE;
}

gboolean
_mysql_binlog_decoder_rotate (MysqlBinlogDecoder          *decoder,
                              const MysqlBinlogEventInfo  *info,
                              char                       **file,
                              guint64                     *position,
                              GError                     **error)
{
  const guint8 *name;
  gsize name_length;

  if (info->post_header_length >= 8)
    {
      *position = _mysql_binlog_le64 (info->post_header);
      name = info->body;
      name_length = info->body_length;
    }
  else
    {
      return _mysql_binlog_set_corrupt (error, "Rotate event without its position");
    }

  /* Some servers pad the name (a checksum that was not announced, or a
   * NUL): a binlog file name ends at the first byte that cannot be part of it. */
  for (gsize i = 0; i < name_length; i++)
    if (name[i] == '\0' || name[i] < 0x20 || name[i] >= 0x7f)
      {
        name_length = i;
        break;
      }
  if (name_length == 0)
    return _mysql_binlog_set_corrupt (error, "Rotate event without a file name");

  *file = g_strndup ((const char *) name, name_length);
  return TRUE;
}

/* The largest value a MariaDB compressed event may expand to. */
#define MAX_UNCOMPRESSED_SIZE (1024u * 1024u * 1024u)

/* MariaDB's compressed data (log_bin_compress): a header byte 0x8N, N
 * bytes of big-endian uncompressed length, then a zlib stream.  Returns a
 * new buffer of *out_length bytes after @prefix bytes left for the caller. */
static guint8 *
mariadb_uncompress (const guint8  *src,
                    gsize          length,
                    gsize          prefix,
                    gsize         *out_length,
                    GError       **error)
{
  guint lenlen;
  guint64 size;
  uLongf produced;
  g_autofree guint8 *out = NULL;
  int ret;

  if (length < 1 || (src[0] & 0xf0) != 0x80 || (lenlen = src[0] & 0x07) == 0 || lenlen > 4 ||
      length < 1 + lenlen)
    {
      _mysql_binlog_set_corrupt (error, "Compressed event with a malformed compression header");
      return NULL;
    }
  size = _mysql_binlog_be_uint (src + 1, lenlen);
  /* zlib cannot expand data more than about 1032 times. */
  if (size > MAX_UNCOMPRESSED_SIZE || size > (guint64) length * 1100 + 64)
    {
      _mysql_binlog_set_corrupt (error, "Compressed event announces %" G_GUINT64_FORMAT
                                 " bytes once uncompressed", size);
      return NULL;
    }

  out = g_malloc (prefix + size + 1);
  produced = size;
  ret = uncompress (out + prefix, &produced, src + 1 + lenlen, length - 1 - lenlen);
  if (ret != Z_OK || produced != size)
    {
      _mysql_binlog_set_corrupt (error, "Compressed event: zlib could not uncompress its %"
                                 G_GSIZE_FORMAT " bytes to the %" G_GUINT64_FORMAT
                                 " announced (%s)", length, size,
                                 ret != Z_OK ? zError (ret) : "size differs");
      return NULL;
    }
  *out_length = size;
  return g_steal_pointer (&out);
}

/* The collations of a query event's session (client, server) from its
 * status variables: each 0 when the event does not say. */
static void
query_charsets (const MysqlBinlogEventInfo *info,
                guint                      *client,
                guint                      *server)
{
  const guint8 *p = info->body;
  const guint8 *end;

  if (client != NULL)
    *client = 0;
  if (server != NULL)
    *server = 0;
  if (info->post_header_length < 13)
    return;
  end = p + MIN ((gsize) _mysql_binlog_le16 (info->post_header + 11), info->body_length);
  /* The status variables, each a code and its value (servers write the
   * catalog, 6, before the character sets, 4); any code of a size not
   * known here ends the search. */
  while (p < end)
    {
      switch (*p++)
        {
        case 0:   /* Q_FLAGS2_CODE */
          p += 4;
          break;
        case 1:   /* Q_SQL_MODE_CODE */
          p += 8;
          break;
        case 2:   /* Q_CATALOG_CODE: length, name, NUL */
          if (p >= end)
            return;
          p += 1 + *p + 1;
          break;
        case 3:   /* Q_AUTO_INCREMENT */
          p += 4;
          break;
        case 5:   /* Q_TIME_ZONE_CODE: length, name */
        case 6:   /* Q_CATALOG_NZ_CODE: length, name */
          if (p >= end)
            return;
          p += 1 + *p;
          break;
        case 4:   /* Q_CHARSET_CODE: client, connection, server */
          if (p + 6 > end)
            return;
          if (client != NULL)
            *client = _mysql_binlog_le16 (p);
          if (server != NULL)
            *server = _mysql_binlog_le16 (p + 4);
          return;
        default:
          return;
        }
    }
}

gboolean
_mysql_binlog_decoder_query (MysqlBinlogDecoder          *decoder,
                             const MysqlBinlogEventInfo  *info,
                             char                       **schema,
                             char                       **statement,
                             gboolean                    *exact,
                             GError                     **error)
{
  const guint8 *ph = info->post_header;
  const guint8 *p = info->body;
  const guint8 *end = info->body + info->body_length;
  guint client_collation = 0;
  guint8 schema_length;
  guint16 status_length;

  if (info->post_header_length < 13)
    return _mysql_binlog_set_corrupt (error, "Query event with a %" G_GSIZE_FORMAT "-byte post-header",
                                      info->post_header_length);

  /* thread id (4), execution time (4), schema length (1), error code (2),
   * status variables length (2, binlog v4) */
  schema_length = ph[8];
  status_length = _mysql_binlog_le16 (ph + 11);

  if ((gsize) (end - p) < (gsize) status_length + schema_length + 1)
    return _mysql_binlog_set_corrupt (error, "Query event too short for its status variables and schema name");
  query_charsets (info, &client_collation, NULL);
  p += status_length;
  /* Names are kept in UTF-8 by the server, whatever the client's set. */
  *schema = g_utf8_make_valid ((const char *) p, schema_length);
  p += schema_length + 1;
  /* The statement is in the character set of the client that sent it. */
  if (info->type == MYSQL_BINLOG_EVENT_QUERY_COMPRESSED)
    {
      gsize length;
      g_autofree guint8 *text = mariadb_uncompress (p, end - p, 0, &length, error);

      if (text == NULL)
        {
          g_clear_pointer (schema, g_free);
          return FALSE;
        }
      *statement = _mysql_binlog_charset_text_to_utf8 (client_collation, text, length, exact);
      return TRUE;
    }
  *statement = _mysql_binlog_charset_text_to_utf8 (client_collation, p, end - p, exact);
  return TRUE;
}

guint16
_mysql_binlog_decoder_query_error_code (const MysqlBinlogEventInfo *info)
{
  /* After the thread id (4), the execution time (4) and the schema
   * length (1); _mysql_binlog_decoder_query() checked the length. */
  if (info->post_header_length < 11)
    return 0;
  return _mysql_binlog_le16 (info->post_header + 9);
}

guint
_mysql_binlog_decoder_query_server_collation (const MysqlBinlogEventInfo *info)
{
  guint server;

  query_charsets (info, NULL, &server);
  return server;
}

gboolean
_mysql_binlog_decoder_mariadb_gtid (MysqlBinlogDecoder          *decoder,
                                    const MysqlBinlogEventInfo  *info,
                                    guint32                     *domain,
                                    guint64                     *sequence,
                                    guint8                      *flags,
                                    GError                     **error)
{
  const guint8 *p = info->post_header;
  gsize available = info->length - (info->post_header - info->data);

  /* sequence number (8), domain id (4), flags (1) */
  if (available < 13)
    return _mysql_binlog_set_corrupt (error, "Truncated MariaDB GTID event");
  *sequence = _mysql_binlog_le64 (p);
  *domain = _mysql_binlog_le32 (p + 8);
  *flags = p[12];
  return TRUE;
}

gboolean
_mysql_binlog_decoder_xid (MysqlBinlogDecoder          *decoder,
                           const MysqlBinlogEventInfo  *info,
                           guint64                     *xid,
                           GError                     **error)
{
  if (info->post_header_length + info->body_length != 8)
    return _mysql_binlog_set_corrupt (error, "XID event of %u bytes: its transaction id takes "
                                      "8 bytes, not %" G_GSIZE_FORMAT, info->event_size,
                                      info->post_header_length + info->body_length);
  *xid = _mysql_binlog_le64 (info->post_header);
  return TRUE;
}

gboolean
_mysql_binlog_decoder_table_id (MysqlBinlogDecoder          *decoder,
                                const MysqlBinlogEventInfo  *info,
                                guint64                     *table_id)
{
  if (info->post_header_length == 6)
    *table_id = _mysql_binlog_le32 (info->post_header);
  else if (info->post_header_length >= 8)
    *table_id = _mysql_binlog_le48 (info->post_header);
  else
    return FALSE;
  return TRUE;
}

MysqlBinlogTable *
_mysql_binlog_decoder_lookup_table (MysqlBinlogDecoder *decoder,
                                    guint64             table_id)
{
  return g_hash_table_lookup (decoder->tables, &table_id);
}

void
_mysql_binlog_decoder_forget_tables (MysqlBinlogDecoder *decoder)
{
  g_hash_table_remove_all (decoder->tables);
}

void
_mysql_binlog_decoder_forget_table (MysqlBinlogDecoder *decoder,
                                    guint64             table_id)
{
  g_hash_table_remove (decoder->tables, &table_id);
}

MysqlBinlogFlavour
_mysql_binlog_decoder_get_flavour (MysqlBinlogDecoder *decoder)
{
  return decoder->flavour;
}

MysqlBinlogTable *
_mysql_binlog_decoder_table_map (MysqlBinlogDecoder          *decoder,
                                 const MysqlBinlogEventInfo  *info,
                                 gboolean                    *is_new,
                                 MysqlBinlogTableNeeds       *needs,
                                 GError                     **error)
{
  MysqlBinlogTable *known, *table;
  guint64 table_id;

  if (!_mysql_binlog_decoder_table_id (decoder, info, &table_id))
    {
      _mysql_binlog_set_corrupt (error, "Table map event with a %" G_GSIZE_FORMAT "-byte post-header",
                                 info->post_header_length);
      return NULL;
    }

  known = g_hash_table_lookup (decoder->tables, &table_id);
  if (known != NULL && known->map_body != NULL &&
      g_bytes_get_size (known->map_body) == info->body_length &&
      memcmp (g_bytes_get_data (known->map_body, NULL), info->body, info->body_length) == 0 &&
      known->flavour == decoder->flavour)
    {
      *is_new = FALSE;
      *needs = 0;
      return known;
    }

  table = _mysql_binlog_table_map_parse (table_id, info->body, info->body_length, decoder->flavour,
                                         needs, error);
  if (table == NULL)
    return NULL;
  /* The decoder's reference; the caller borrows it. */
  g_hash_table_replace (decoder->tables, &table->id, table);
  *is_new = TRUE;
  return table;
}

static guint8
uncompressed_rows_type (guint8 type)
{
  switch (type)
    {
    case MYSQL_BINLOG_EVENT_WRITE_ROWS_COMPRESSED_V1:
      return MYSQL_BINLOG_EVENT_WRITE_ROWS_V1;
    case MYSQL_BINLOG_EVENT_UPDATE_ROWS_COMPRESSED_V1:
      return MYSQL_BINLOG_EVENT_UPDATE_ROWS_V1;
    case MYSQL_BINLOG_EVENT_DELETE_ROWS_COMPRESSED_V1:
      return MYSQL_BINLOG_EVENT_DELETE_ROWS_V1;
    case MYSQL_BINLOG_EVENT_WRITE_ROWS_COMPRESSED:
      return MYSQL_BINLOG_EVENT_WRITE_ROWS;
    case MYSQL_BINLOG_EVENT_UPDATE_ROWS_COMPRESSED:
      return MYSQL_BINLOG_EVENT_UPDATE_ROWS;
    case MYSQL_BINLOG_EVENT_DELETE_ROWS_COMPRESSED:
      return MYSQL_BINLOG_EVENT_DELETE_ROWS;
    default:
      return 0;
    }
}

GBytes *
_mysql_binlog_decoder_uncompress_rows (MysqlBinlogDecoder          *decoder,
                                       const MysqlBinlogEventInfo  *info,
                                       MysqlBinlogEventInfo        *plain,
                                       GError                     **error)
{
  MysqlBinlogRowsInfo rows;
  gsize prefix, length, total;
  guint8 *data;

  *plain = *info;
  plain->type = uncompressed_rows_type (info->type);
  if (plain->type == 0)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                   "Events of type %u are not compressed rows events", info->type);
      return NULL;
    }
  /* Only the row images are compressed: the header, the table id, the
   * width and the column bitmaps are not. */
  if (!_mysql_binlog_decoder_rows (decoder, plain, &rows, error))
    return NULL;
  prefix = rows.rows - info->data;
  data = mariadb_uncompress (rows.rows, rows.rows_end - rows.rows, prefix, &length, error);
  if (data == NULL)
    return NULL;
  total = prefix + length;
  if (total > G_MAXUINT32)
    {
      g_free (data);
      _mysql_binlog_set_corrupt (error, "Compressed rows event too large once uncompressed");
      return NULL;
    }
  memcpy (data, info->data, prefix);
  data[4] = plain->type;
  _mysql_binlog_put_le32 (data + 9, total);

  plain->data = data;
  plain->length = total;
  plain->event_size = total;
  plain->post_header = data + (info->post_header - info->data);
  plain->body = data + (info->body - info->data);
  plain->body_length = total - (info->body - info->data);
  return g_bytes_new_take (data, total);
}

static guint
count_bits (const guint8 *bitmap,
            guint         n_bits)
{
  guint count = 0;

  for (guint i = 0; i < n_bits / 8; i++)
    count += __builtin_popcount (bitmap[i]);
  if (n_bits % 8)
    count += __builtin_popcount (bitmap[n_bits / 8] & ((1u << (n_bits % 8)) - 1));
  return count;
}

gboolean
_mysql_binlog_decoder_rows (MysqlBinlogDecoder          *decoder,
                            const MysqlBinlogEventInfo  *info,
                            MysqlBinlogRowsInfo         *rows,
                            GError                     **error)
{
  const guint8 *p = info->body;
  const guint8 *end = info->body + info->body_length;
  guint64 table_id, width;
  gsize bitmap_length;
  gboolean v2;

  memset (rows, 0, sizeof *rows);
  switch (info->type)
    {
    case MYSQL_BINLOG_EVENT_WRITE_ROWS_V1:
    case MYSQL_BINLOG_EVENT_WRITE_ROWS:
      rows->kind = 'i';
      break;
    case MYSQL_BINLOG_EVENT_UPDATE_ROWS_V1:
    case MYSQL_BINLOG_EVENT_UPDATE_ROWS:
    case MYSQL_BINLOG_EVENT_PARTIAL_UPDATE_ROWS:
      rows->kind = 'u';
      break;
    case MYSQL_BINLOG_EVENT_DELETE_ROWS_V1:
    case MYSQL_BINLOG_EVENT_DELETE_ROWS:
      rows->kind = 'd';
      break;
    default:
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                   "Rows events of type %u are not supported", info->type);
      return FALSE;
    }
  v2 = info->type >= MYSQL_BINLOG_EVENT_WRITE_ROWS;
  rows->partial = info->type == MYSQL_BINLOG_EVENT_PARTIAL_UPDATE_ROWS;

  if (!_mysql_binlog_decoder_table_id (decoder, info, &table_id))
    return _mysql_binlog_set_corrupt (error, "Rows event with a %" G_GSIZE_FORMAT "-byte post-header",
                                      info->post_header_length);
  rows->flags = _mysql_binlog_le16 (info->post_header + (info->post_header_length == 6 ? 4 : 6));

  rows->table = g_hash_table_lookup (decoder->tables, &table_id);
  if (rows->table == NULL)
    return _mysql_binlog_set_corrupt (error, "Rows event for table id %" G_GUINT64_FORMAT
                                      " without a preceding table map", table_id);

  if (v2)
    {
      /* The extra data length counts its own two bytes; it follows the
       * table id and flags, in the post-header or at the start of the body. */
      gsize extra;
      const guint8 *extra_length;

      if (info->post_header_length >= 10)
        {
          extra_length = info->post_header + 8;
          extra = _mysql_binlog_le16 (extra_length);
          if (extra < 2 || (gsize) (end - p) < extra - 2)
            return _mysql_binlog_set_corrupt (error, "Rows event with malformed extra data");
          p += extra - 2;
        }
      else
        {
          if (end - p < 2)
            return _mysql_binlog_set_corrupt (error, "Truncated rows event");
          extra = _mysql_binlog_le16 (p);
          if (extra < 2 || (gsize) (end - p) < extra)
            return _mysql_binlog_set_corrupt (error, "Rows event with malformed extra data");
          p += extra;
        }
    }

  if (!_mysql_binlog_read_packed (&p, end, &width))
    return _mysql_binlog_set_corrupt (error, "Truncated rows event");
  if (width != rows->table->n_columns)
    return _mysql_binlog_set_corrupt (error, "Rows event for %s has %" G_GUINT64_FORMAT
                                      " columns but its table map has %u",
                                      rows->table->qualified_name, width, rows->table->n_columns);
  bitmap_length = (width + 7) / 8;

  if ((gsize) (end - p) < bitmap_length * (rows->kind == 'u' ? 2 : 1))
    return _mysql_binlog_set_corrupt (error, "Truncated rows event");
  rows->present = p;
  rows->n_present = count_bits (p, width);
  p += bitmap_length;
  if (rows->kind == 'u')
    {
      rows->present_after = p;
      rows->n_present_after = count_bits (p, width);
      p += bitmap_length;
    }

  /* A row image with no column takes no bytes: the rows would never end. */
  if (p < end && (rows->n_present == 0 || (rows->kind == 'u' && rows->n_present_after == 0)))
    return _mysql_binlog_set_corrupt (error, "Rows event for %s with an empty column bitmap",
                                      rows->table->qualified_name);

  rows->rows = p;
  rows->rows_end = end;
  return TRUE;
}

static const char *
old_temporal_name (guint8 type)
{
  switch (type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_TIME:
      return "TIME";
    case MYSQL_BINLOG_COLUMN_TYPE_DATETIME:
      return "DATETIME";
    default:
      return "TIMESTAMP";
    }
}

static gboolean
set_precision_unknown (GError                  **error,
                       const MysqlBinlogTable   *table,
                       guint                     i)
{
  const MysqlBinlogColumn *column = &table->columns[i];
  const char *type = old_temporal_name (column->real_type);

  g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
               "Column %s.%s (column %u) is a MariaDB %s in the format of before 10.1.2 "
               "(mysql56_temporal_format=OFF), for which the binary log does not record "
               "the number of fractional digits: a %s(1) to %s(6) value is longer than a %s one "
               "and cannot be told from it.  Read this binary log from the server, whose "
               "information_schema says, or convert the column with "
               "ALTER TABLE `%s`.`%s` FORCE before writing the changes",
               table->qualified_name, column->name, i + 1, type, type, type, type,
               table->schema, table->name);
  return FALSE;
}

/* Walks one row image up to its end without building it: FALSE with
 * @error set when a column of unknown format has a value. */
static gboolean
check_row_image (const MysqlBinlogTable  *table,
                 const guint8            *present,
                 guint                    n_present,
                 const guint8           **cursor,
                 const guint8            *end,
                 GError                 **error)
{
  const guint8 *p = *cursor;
  const guint8 *null_bitmap;
  guint cell = 0;

  if ((gsize) (end - p) < (n_present + 7) / 8)
    return _mysql_binlog_set_corrupt (error, "Row of %s is truncated: no room for its NULL bitmap",
                                      table->qualified_name);
  null_bitmap = p;
  p += (n_present + 7) / 8;
  for (guint i = 0; i < table->n_columns && cell < n_present; i++)
    {
      const MysqlBinlogColumn *column = &table->columns[i];
      gboolean is_null;
      gssize size;

      if ((present[i / 8] & (1u << (i % 8))) == 0)
        continue;
      is_null = (null_bitmap[cell / 8] >> (cell % 8)) & 1;
      cell++;
      if (is_null || column->real_type == MYSQL_BINLOG_COLUMN_TYPE_NULL)
        continue;
      if (column->precision_unknown)
        return set_precision_unknown (error, table, i);
      size = _mysql_binlog_value_size (column, p, end - p);
      if (size < 0)
        return _mysql_binlog_set_corrupt (error, "Row of %s: the value of column %u (%s, type %u) "
                                          "is truncated or has invalid metadata",
                                          table->qualified_name, i + 1, column->name,
                                          column->real_type);
      p += size;
    }
  *cursor = p;
  return TRUE;
}

gboolean
_mysql_binlog_decoder_check_rows (const MysqlBinlogRowsInfo  *rows,
                                  GError                    **error)
{
  const MysqlBinlogTable *table = rows->table;
  const guint8 *p = rows->rows;
  gboolean any = FALSE;

  for (guint i = 0; i < table->n_columns && !any; i++)
    any = table->columns[i].precision_unknown;
  if (!any)
    return TRUE;

  /* Only MariaDB tables have such columns, and MariaDB writes no partial
   * JSON updates, whose after images would start otherwise. */
  if (rows->partial)
    return _mysql_binlog_set_corrupt (error, "Partial update of %s in a MariaDB binary log",
                                      table->qualified_name);
  while (p < rows->rows_end)
    {
      if (!check_row_image (table, rows->present, rows->n_present, &p, rows->rows_end, error))
        return FALSE;
      if (rows->kind == 'u' &&
          !check_row_image (table, rows->present_after, rows->n_present_after, &p,
                            rows->rows_end, error))
        return FALSE;
    }
  return TRUE;
}

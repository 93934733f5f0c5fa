/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "mysql-binlog-column-private.h"
#include "mysql-binlog-decoder-private.h"
#include "mysql-binlog-error-private.h"
#include "mysql-binlog-event.h"
#include "mysql-binlog-gtid-private.h"
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

/* Optional metadata field types of the table map. */
enum {
  TM_SIGNEDNESS = 1,
  TM_DEFAULT_CHARSET,
  TM_COLUMN_CHARSET,
  TM_COLUMN_NAME,
  TM_SET_STR_VALUE,
  TM_ENUM_STR_VALUE,
  TM_GEOMETRY_TYPE,
  TM_SIMPLE_PRIMARY_KEY,
  TM_PRIMARY_KEY_WITH_PREFIX,
  TM_ENUM_AND_SET_DEFAULT_CHARSET,
  TM_ENUM_AND_SET_COLUMN_CHARSET,
  TM_COLUMN_VISIBILITY,
  TM_VECTOR_DIMENSIONALITY,
};

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

const char *
_mysql_binlog_decoder_get_server_version (MysqlBinlogDecoder *decoder)
{
  return decoder->have_format ? decoder->server_version : NULL;
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

gboolean
_mysql_binlog_decoder_query (MysqlBinlogDecoder          *decoder,
                             const MysqlBinlogEventInfo  *info,
                             char                       **schema,
                             char                       **statement,
                             GError                     **error)
{
  const guint8 *ph = info->post_header;
  const guint8 *p = info->body;
  const guint8 *end = info->body + info->body_length;
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
  p += status_length;
  *schema = g_strndup ((const char *) p, schema_length);
  p += schema_length + 1;
  if (info->type == MYSQL_BINLOG_EVENT_QUERY_COMPRESSED)
    {
      gsize length;
      guint8 *text = mariadb_uncompress (p, end - p, 0, &length, error);

      if (text == NULL)
        {
          g_clear_pointer (schema, g_free);
          return FALSE;
        }
      text[length] = '\0';
      *statement = (char *) text;
      return TRUE;
    }
  *statement = g_strndup ((const char *) p, end - p);
  return TRUE;
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

MysqlBinlogFlavour
_mysql_binlog_decoder_get_flavour (MysqlBinlogDecoder *decoder)
{
  return decoder->flavour;
}

/*
 * Which columns each field of a table map's optional metadata counts.
 *
 * A field that describes some of the columns (SIGNEDNESS, the charset
 * fields, GEOMETRY_TYPE, ...) lists them in table order without saying
 * which column each entry belongs to: the reader must skip exactly the
 * columns the writing server skipped, or every later column takes its
 * neighbour's entry.  The two servers do not agree on which columns those
 * are, so the rules depend on the flavour of the format description.
 *
 * Sources.  MySQL (8.0.1 and later; read in the 8.0.20 sql/log_event.cc):
 * Table_map_log_event::init_metadata_fields() writes the fields;
 * init_signedness_field() counts is_numeric_field(), i.e.
 * is_numeric_type (field->binlog_type()) of sql/field.h;
 * init_charset_field() counts is_character_field(), i.e.
 * is_character_type (field->real_type()) (STRING, VAR_STRING, VARCHAR,
 * BLOB), and is_enum_or_set_field() for the ENUM/SET variant;
 * init_geometry_type_field() counts is_geometry_field();
 * init_set_str_value_field() and init_enum_str_value_field() the SET and
 * ENUM columns; init_column_name_field() every column;
 * init_primary_key_field() writes column indexes (prefix lengths in
 * characters).  COLUMN_VISIBILITY (8.0.23) has one bit per column (as in
 * the 8.0.26 fixture binlog-invisible-columns.000001);
 * VECTOR_DIMENSIONALITY (9.0) one entry per VECTOR column, and whether
 * 9.0 counts VECTOR in the charset fields was not checked against a
 * MySQL 9 file: if it does, the count check below turns it into an error.
 *
 * MariaDB (10.5 and later; sql/log_event_server.cc): the same
 * init_*_field() functions, but they count by the Binlog_type_info that
 * each Field class's binlog_type_info() returns (sql/field.h, field.cc):
 * init_signedness_field() counts every column whose m_signedness is not
 * SIGN_NOT_APPLICABLE, i.e. every Field_num, and Field_year is a
 * Field_tiny (its bit is set: YEAR is unsigned there); the charset
 * fields count, through is_character_field(), every column with an m_cs
 * and no ENUM/SET typelib, which includes Field_geom (its
 * binlog_type_info() in sql/sql_type_geom.cc passes the binary charset,
 * collation 63) and the fixed binary types of plugins (INET4, INET6,
 * UUID: MYSQL_TYPE_STRING with the binary charset); ENUM and SET are
 * counted through is_enum_or_set_field() by their typelibs.  MariaDB
 * writes no COLUMN_VISIBILITY or VECTOR_DIMENSIONALITY field.
 *
 * Checked on MariaDB 10.11 with a column of each type placed before an
 * UNSIGNED column and before CHAR columns of several charsets
 * (tests/test-metadata-fields.c does it for each row below).
 *
 *   field (type code)             MySQL counts                MariaDB counts
 *   SIGNEDNESS (1)                TINYINT, SMALLINT,          the same and YEAR
 *                                 MEDIUMINT, INT, BIGINT,
 *                                 FLOAT, DOUBLE, DECIMAL
 *   DEFAULT_CHARSET (2),          CHAR, BINARY, VARCHAR,      the same and GEOMETRY
 *   COLUMN_CHARSET (3)            VARBINARY, TEXT, BLOB       (all its subtypes);
 *                                 (JSON is not: its type is   JSON is a LONGTEXT,
 *                                 JSON, nor GEOMETRY)         INET4/INET6/UUID CHARs
 *   ENUM_AND_SET_DEFAULT_CHARSET  ENUM, SET                   ENUM, SET
 *   (10), _COLUMN_CHARSET (11)
 *   ENUM_STR_VALUE (6)            ENUM                        ENUM
 *   SET_STR_VALUE (5)             SET                         SET
 *   GEOMETRY_TYPE (7)             GEOMETRY                    GEOMETRY
 *   COLUMN_NAME (4)               every column                every column
 *   SIMPLE_PRIMARY_KEY (8),       column indexes among all    the same
 *   PRIMARY_KEY_WITH_PREFIX (9)   columns, prefix in chars
 *   COLUMN_VISIBILITY (12)        every column (8.0.23+)      not written
 *   VECTOR_DIMENSIONALITY (13)    VECTOR (9.0+)               not written
 *
 * Never counted anywhere: BIT, the temporal types (old and fractional
 * formats), NULL.  In DEFAULT_CHARSET and its ENUM/SET variant the
 * exceptions' indexes count the same columns as COLUMN_CHARSET does.
 * The YEAR bit of MariaDB is consumed and dropped: YEAR values do not
 * depend on it and information_schema does not call YEAR unsigned.
 *
 * binlog_row_metadata=MINIMAL writes fields 1, 2 or 3, and 7; FULL adds
 * 4, 10 or 11, 5, 6, 8 or 9 (and, on MySQL, 12 and 13); NO_LOG none.
 *
 * A field that lists more or fewer entries than the columns counted here
 * is an error, not a guess: a count that does not match is how a rule
 * that is wrong for some server would show.  Only a DEFAULT_CHARSET read
 * by a rule that counts more columns than the writer's cannot show it.
 */
static gboolean
column_is_counted (const MysqlBinlogColumn *column,
                   guint                    field,
                   MysqlBinlogFlavour       flavour)
{
  switch (field)
    {
    case TM_SIGNEDNESS:
      if (column->type == MYSQL_BINLOG_COLUMN_TYPE_YEAR)
        return flavour == MYSQL_BINLOG_FLAVOUR_MARIADB;
      return _mysql_binlog_column_is_numeric (column);
    case TM_DEFAULT_CHARSET:
    case TM_COLUMN_CHARSET:
      if (column->real_type == MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY)
        return flavour == MYSQL_BINLOG_FLAVOUR_MARIADB;
      return _mysql_binlog_column_is_character (column);
    case TM_ENUM_AND_SET_DEFAULT_CHARSET:
    case TM_ENUM_AND_SET_COLUMN_CHARSET:
      return column->real_type == MYSQL_BINLOG_COLUMN_TYPE_ENUM ||
             column->real_type == MYSQL_BINLOG_COLUMN_TYPE_SET;
    case TM_ENUM_STR_VALUE:
      return column->real_type == MYSQL_BINLOG_COLUMN_TYPE_ENUM;
    case TM_SET_STR_VALUE:
      return column->real_type == MYSQL_BINLOG_COLUMN_TYPE_SET;
    case TM_GEOMETRY_TYPE:
      return column->real_type == MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY;
    case TM_VECTOR_DIMENSIONALITY:
      return column->real_type == MYSQL_BINLOG_COLUMN_TYPE_VECTOR;
    default:
      return TRUE;
    }
}

static guint
count_columns (const MysqlBinlogTable *table,
               guint                   field,
               MysqlBinlogFlavour      flavour)
{
  guint n = 0;

  for (guint i = 0; i < table->n_columns; i++)
    if (column_is_counted (&table->columns[i], field, flavour))
      n++;
  return n;
}

/* Reads the per-type metadata of the table map into column->meta. */
static gboolean
read_column_meta (MysqlBinlogColumn  *column,
                  const guint8      **p,
                  const guint8       *end)
{
  const guint8 *q = *p;
  gsize n;

  switch (column->type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_FLOAT:
    case MYSQL_BINLOG_COLUMN_TYPE_DOUBLE:
    case MYSQL_BINLOG_COLUMN_TYPE_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_TINY_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_MEDIUM_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_LONG_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY:
    case MYSQL_BINLOG_COLUMN_TYPE_JSON:
    case MYSQL_BINLOG_COLUMN_TYPE_VECTOR:
    case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2:
    case MYSQL_BINLOG_COLUMN_TYPE_DATETIME2:
    case MYSQL_BINLOG_COLUMN_TYPE_TIME2:
      n = 1;
      if (end - q < 1)
        return FALSE;
      column->meta = q[0];
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_VARCHAR:
    case MYSQL_BINLOG_COLUMN_TYPE_VAR_STRING:
      n = 2;
      if (end - q < 2)
        return FALSE;
      column->meta = _mysql_binlog_le16 (q);
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_BIT:
      n = 2;
      if (end - q < 2)
        return FALSE;
      column->meta = _mysql_binlog_le16 (q);
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL:
    case MYSQL_BINLOG_COLUMN_TYPE_STRING:
    case MYSQL_BINLOG_COLUMN_TYPE_ENUM:
    case MYSQL_BINLOG_COLUMN_TYPE_SET:
      n = 2;
      if (end - q < 2)
        return FALSE;
      column->meta = _mysql_binlog_be_uint (q, 2);
      break;
    default:
      n = 0;
      column->meta = 0;
      break;
    }

  *p = q + n;
  return TRUE;
}

/* Reads @count length-prefixed strings. */
static gboolean
read_string_list (const guint8 **p,
                  const guint8  *end,
                  guint64        count,
                  GPtrArray     *out)
{
  for (guint64 i = 0; i < count; i++)
    {
      guint64 length;

      if (!_mysql_binlog_read_packed_length (p, end, &length))
        return FALSE;
      g_ptr_array_add (out, g_strndup ((const char *) *p, length));
      *p += length;
    }
  return TRUE;
}

static const char *
field_name (guint field)
{
  switch (field)
    {
    case TM_SIGNEDNESS: return "SIGNEDNESS";
    case TM_DEFAULT_CHARSET: return "DEFAULT_CHARSET";
    case TM_COLUMN_CHARSET: return "COLUMN_CHARSET";
    case TM_COLUMN_NAME: return "COLUMN_NAME";
    case TM_SET_STR_VALUE: return "SET_STR_VALUE";
    case TM_ENUM_STR_VALUE: return "ENUM_STR_VALUE";
    case TM_GEOMETRY_TYPE: return "GEOMETRY_TYPE";
    case TM_SIMPLE_PRIMARY_KEY: return "SIMPLE_PRIMARY_KEY";
    case TM_PRIMARY_KEY_WITH_PREFIX: return "PRIMARY_KEY_WITH_PREFIX";
    case TM_ENUM_AND_SET_DEFAULT_CHARSET: return "ENUM_AND_SET_DEFAULT_CHARSET";
    case TM_ENUM_AND_SET_COLUMN_CHARSET: return "ENUM_AND_SET_COLUMN_CHARSET";
    case TM_COLUMN_VISIBILITY: return "COLUMN_VISIBILITY";
    case TM_VECTOR_DIMENSIONALITY: return "VECTOR_DIMENSIONALITY";
    default: return "unknown";
    }
}

static const char *
flavour_name (MysqlBinlogFlavour flavour)
{
  return flavour == MYSQL_BINLOG_FLAVOUR_MARIADB ? "MariaDB" : "MySQL";
}

static gboolean
set_malformed (GError                 **error,
               const MysqlBinlogTable  *table,
               guint                    field)
{
  return _mysql_binlog_set_corrupt (error, "Table map of %s: malformed %s field in the optional metadata",
                                    table->qualified_name, field_name (field));
}

/* A field whose entries do not match the columns it counts. */
static gboolean
set_mismatch (GError                 **error,
              const MysqlBinlogTable  *table,
              guint                    field,
              MysqlBinlogFlavour       flavour,
              const char              *found)
{
  return _mysql_binlog_set_corrupt (error,
                                    "Table map of %s: the %s field of the optional metadata holds %s, "
                                    "but the table has %u columns that a %s server lists there",
                                    table->qualified_name, field_name (field), found,
                                    count_columns (table, field, flavour), flavour_name (flavour));
}

/* Reads a field of packed integers to its end. */
static gboolean
read_packed_list (const guint8 *p,
                  const guint8 *end,
                  GArray       *values)
{
  while (p < end)
    {
      guint64 value;

      if (!_mysql_binlog_read_packed (&p, end, &value))
        return FALSE;
      g_array_append_val (values, value);
    }
  return TRUE;
}

static void
set_collation (MysqlBinlogColumn *column,
               guint64            collation)
{
  _mysql_binlog_column_set_charset (column, collation <= G_MAXUINT
                                            ? _mysql_binlog_charset_for_collation (collation) : NULL);
}

/* DEFAULT_CHARSET and ENUM_AND_SET_DEFAULT_CHARSET: a default collation,
 * then (index, collation) pairs, the index counting the columns the field
 * covers; COLUMN_CHARSET and ENUM_AND_SET_COLUMN_CHARSET: one collation
 * per column it covers. */
static gboolean
apply_charset_field (MysqlBinlogTable    *table,
                     guint                field,
                     MysqlBinlogFlavour   flavour,
                     const guint8        *p,
                     const guint8        *end,
                     GError             **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (guint64));
  gboolean with_default = field == TM_DEFAULT_CHARSET || field == TM_ENUM_AND_SET_DEFAULT_CHARSET;
  guint counted = count_columns (table, field, flavour);
  guint index = 0;

  if (!read_packed_list (p, end, values) || (with_default && (values->len == 0 || values->len % 2 != 1)))
    return set_malformed (error, table, field);

  if (!with_default)
    {
      if (values->len != counted)
        {
          g_autofree char *found = g_strdup_printf ("%u collations", values->len);
          return set_mismatch (error, table, field, flavour, found);
        }
      for (guint i = 0; i < table->n_columns; i++)
        if (column_is_counted (&table->columns[i], field, flavour))
          set_collation (&table->columns[i], g_array_index (values, guint64, index++));
      return TRUE;
    }

  {
    g_autofree guint64 *collations = g_new (guint64, MAX (counted, 1));

    for (guint c = 0; c < counted; c++)
      collations[c] = g_array_index (values, guint64, 0);
    for (guint v = 1; v < values->len; v += 2)
      {
        guint64 column_index = g_array_index (values, guint64, v);

        if (column_index >= counted)
          {
            g_autofree char *found = g_strdup_printf ("an exception for column %" G_GUINT64_FORMAT " of them",
                                                      column_index + 1);
            return set_mismatch (error, table, field, flavour, found);
          }
        collations[column_index] = g_array_index (values, guint64, v + 1);
      }
    for (guint i = 0; i < table->n_columns; i++)
      if (column_is_counted (&table->columns[i], field, flavour))
        set_collation (&table->columns[i], collations[index++]);
  }
  return TRUE;
}

static gboolean
parse_optional_metadata (MysqlBinlogTable       *table,
                         MysqlBinlogFlavour      flavour,
                         const guint8           *p,
                         const guint8           *end,
                         MysqlBinlogTableNeeds  *needs,
                         GError                **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) enum_values = NULL;
  g_autoptr(GPtrArray) set_values = NULL;
  g_autoptr(GArray) enum_counts = NULL;
  g_autoptr(GArray) set_counts = NULL;
  gboolean have_signedness = FALSE, have_charsets = FALSE, have_primary_key = FALSE;
  gboolean have_geometry_types = FALSE;

  while (p < end)
    {
      guint8 type = *p++;
      guint64 length;
      const guint8 *field, *field_end;

      if (!_mysql_binlog_read_packed_length (&p, end, &length))
        return _mysql_binlog_set_corrupt (error, "Table map of %s: truncated optional metadata",
                                          table->qualified_name);
      field = p;
      field_end = p + length;
      p = field_end;

      switch (type)
        {
        case TM_SIGNEDNESS:
          {
            guint counted = count_columns (table, type, flavour);
            guint bit = 0;

            /* One bit per counted column, most significant first, in
             * whole bytes. */
            if ((gsize) (field_end - field) != (counted + 7) / 8)
              {
                g_autofree char *found = g_strdup_printf ("%" G_GSIZE_FORMAT " bytes of bits",
                                                          (gsize) (field_end - field));
                return set_mismatch (error, table, type, flavour, found);
              }
            for (guint i = 0; i < table->n_columns; i++)
              {
                MysqlBinlogColumn *column = &table->columns[i];
                gboolean is_unsigned;

                if (!column_is_counted (column, type, flavour))
                  continue;
                is_unsigned = (field[bit / 8] >> (7 - bit % 8)) & 1;
                bit++;
                /* MariaDB's YEAR bit (set) says nothing about its values. */
                if (_mysql_binlog_column_is_numeric (column))
                  column->is_unsigned = is_unsigned;
              }
            have_signedness = TRUE;
          }
          break;
        case TM_DEFAULT_CHARSET:
        case TM_COLUMN_CHARSET:
          if (!apply_charset_field (table, type, flavour, field, field_end, error))
            return FALSE;
          have_charsets = TRUE;
          break;
        case TM_ENUM_AND_SET_DEFAULT_CHARSET:
        case TM_ENUM_AND_SET_COLUMN_CHARSET:
          if (!apply_charset_field (table, type, flavour, field, field_end, error))
            return FALSE;
          break;
        case TM_COLUMN_NAME:
          g_clear_pointer (&names, g_ptr_array_unref);
          names = g_ptr_array_new_with_free_func (g_free);
          if (!read_string_list (&field, field_end, table->n_columns, names))
            return set_malformed (error, table, type);
          if (field != field_end)
            return set_mismatch (error, table, type, flavour, "more names");
          break;
        case TM_ENUM_STR_VALUE:
        case TM_SET_STR_VALUE:
          {
            GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
            GArray *counts = g_array_new (FALSE, FALSE, sizeof (guint));

            if (type == TM_ENUM_STR_VALUE)
              {
                g_clear_pointer (&enum_values, g_ptr_array_unref);
                g_clear_pointer (&enum_counts, g_array_unref);
                enum_values = values;
                enum_counts = counts;
              }
            else
              {
                g_clear_pointer (&set_values, g_ptr_array_unref);
                g_clear_pointer (&set_counts, g_array_unref);
                set_values = values;
                set_counts = counts;
              }
            while (field < field_end)
              {
                guint64 count;
                guint c;

                if (!_mysql_binlog_read_packed (&field, field_end, &count) || count > 65535)
                  return set_malformed (error, table, type);
                c = count;
                g_array_append_val (counts, c);
                if (!read_string_list (&field, field_end, count, values))
                  return set_malformed (error, table, type);
              }
            if (counts->len != count_columns (table, type, flavour))
              {
                g_autofree char *found = g_strdup_printf ("%u member lists", counts->len);
                return set_mismatch (error, table, type, flavour, found);
              }
          }
          break;
        case TM_GEOMETRY_TYPE:
        case TM_VECTOR_DIMENSIONALITY:
          {
            g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (guint64));
            guint index = 0;

            if (!read_packed_list (field, field_end, values))
              return set_malformed (error, table, type);
            if (values->len != count_columns (table, type, flavour))
              {
                g_autofree char *found = g_strdup_printf ("%u entries", values->len);
                return set_mismatch (error, table, type, flavour, found);
              }
            for (guint i = 0; i < table->n_columns; i++)
              {
                MysqlBinlogColumn *column = &table->columns[i];
                guint64 value;

                if (!column_is_counted (column, type, flavour))
                  continue;
                value = g_array_index (values, guint64, index++);
                if (value > G_MAXUINT32)
                  return set_malformed (error, table, type);
                if (type == TM_GEOMETRY_TYPE)
                  column->geometry_type = value;
                else
                  column->vector_dimensions = value;
              }
            if (type == TM_GEOMETRY_TYPE)
              have_geometry_types = TRUE;
          }
          break;
        case TM_SIMPLE_PRIMARY_KEY:
        case TM_PRIMARY_KEY_WITH_PREFIX:
          while (field < field_end)
            {
              guint64 index, prefix = 0;

              if (!_mysql_binlog_read_packed (&field, field_end, &index) || index >= table->n_columns)
                return set_malformed (error, table, type);
              if (type == TM_PRIMARY_KEY_WITH_PREFIX &&
                  (!_mysql_binlog_read_packed (&field, field_end, &prefix) || prefix > G_MAXUINT16))
                return set_malformed (error, table, type);
              table->columns[index].is_primary_key = TRUE;
              table->columns[index].key_prefix = prefix;
            }
          have_primary_key = TRUE;
          break;
        case TM_COLUMN_VISIBILITY:
          if ((gsize) (field_end - field) != (table->n_columns + 7) / 8)
            {
              g_autofree char *found = g_strdup_printf ("%" G_GSIZE_FORMAT " bytes of bits",
                                                        (gsize) (field_end - field));
              return set_mismatch (error, table, type, flavour, found);
            }
          /* One bit per column, most significant first: 1 is visible. */
          for (guint i = 0; i < table->n_columns; i++)
            table->columns[i].is_invisible = !((field[i / 8] >> (7 - i % 8)) & 1);
          break;
        default:
          /* Fields of newer servers. */
          break;
        }
    }

  if (names != NULL && names->len == table->n_columns)
    {
      for (guint i = 0; i < table->n_columns; i++)
        {
          const char *name = g_ptr_array_index (names, i);
          g_free (table->columns[i].name);
          table->columns[i].name = g_utf8_validate (name, -1, NULL)
                                   ? g_strdup (name) : g_utf8_make_valid (name, -1);
        }
    }
  else
    *needs |= MYSQL_BINLOG_TABLE_NEEDS_NAMES;

  /* binlog_row_metadata=FULL writes the column names and, when the table
   * has one, its primary key: with the names, no key listed means none. */
  if (have_primary_key || (names != NULL && names->len == table->n_columns))
    table->primary_key_known = TRUE;
  else
    *needs |= MYSQL_BINLOG_TABLE_NEEDS_PRIMARY_KEY;

  if (!have_signedness)
    for (guint i = 0; i < table->n_columns; i++)
      if (_mysql_binlog_column_is_numeric (&table->columns[i]))
        {
          *needs |= MYSQL_BINLOG_TABLE_NEEDS_SIGNEDNESS;
          break;
        }

  if (!have_charsets)
    for (guint i = 0; i < table->n_columns; i++)
      if (_mysql_binlog_column_is_character (&table->columns[i]))
        {
          *needs |= MYSQL_BINLOG_TABLE_NEEDS_CHARSETS;
          break;
        }

  /* Without it a POINT column would pass for a GEOMETRY one. */
  if (!have_geometry_types && count_columns (table, TM_GEOMETRY_TYPE, flavour) > 0)
    *needs |= MYSQL_BINLOG_TABLE_NEEDS_GEOMETRY_TYPES;

  /* Member names, in each ENUM/SET column's own charset. */
  {
    guint enum_index = 0, set_index = 0, enum_offset = 0, set_offset = 0;
    gboolean missing = FALSE;

    for (guint i = 0; i < table->n_columns; i++)
      {
        MysqlBinlogColumn *column = &table->columns[i];
        GPtrArray *values;
        GArray *counts;
        guint *index, *offset, count;

        if (column->real_type == MYSQL_BINLOG_COLUMN_TYPE_ENUM)
          values = enum_values, counts = enum_counts, index = &enum_index, offset = &enum_offset;
        else if (column->real_type == MYSQL_BINLOG_COLUMN_TYPE_SET)
          values = set_values, counts = set_counts, index = &set_index, offset = &set_offset;
        else
          continue;

        if (values == NULL || *index >= counts->len)
          {
            missing = TRUE;
            continue;
          }
        count = g_array_index (counts, guint, *index);
        (*index)++;
        if (*offset + count > values->len)
          return set_malformed (error, table, column->real_type == MYSQL_BINLOG_COLUMN_TYPE_ENUM
                                              ? TM_ENUM_STR_VALUE : TM_SET_STR_VALUE);
        column->members = g_new0 (char *, count + 1);
        column->n_members = count;
        for (guint m = 0; m < count; m++)
          {
            const char *raw = g_ptr_array_index (values, *offset + m);
            column->members[m] = _mysql_binlog_column_to_utf8 (column, (const guint8 *) raw, strlen (raw));
          }
        *offset += count;
      }
    if (missing)
      *needs |= MYSQL_BINLOG_TABLE_NEEDS_MEMBERS;
  }

  return TRUE;
}

MysqlBinlogTable *
_mysql_binlog_decoder_table_map (MysqlBinlogDecoder          *decoder,
                                 const MysqlBinlogEventInfo  *info,
                                 gboolean                    *is_new,
                                 MysqlBinlogTableNeeds       *needs,
                                 GError                     **error)
{
  const guint8 *p = info->body;
  const guint8 *end = info->body + info->body_length;
  const guint8 *types, *meta, *meta_end, *null_bitmap;
  g_autofree char *schema = NULL;
  g_autofree char *name = NULL;
  g_autoptr(MysqlBinlogTable) table = NULL;
  MysqlBinlogTable *known;
  guint64 table_id, n_columns, meta_length;
  guint8 length;

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

  if (p >= end || (length = *p++, (gsize) (end - p) < (gsize) length + 1))
    goto truncated;
  schema = g_utf8_make_valid ((const char *) p, length);
  p += length + 1;
  if (p >= end || (length = *p++, (gsize) (end - p) < (gsize) length + 1))
    goto truncated;
  name = g_utf8_make_valid ((const char *) p, length);
  p += length + 1;

  if (!_mysql_binlog_read_packed (&p, end, &n_columns) || n_columns == 0 || n_columns > 4096 ||
      n_columns > (guint64) (end - p))
    goto truncated;
  types = p;
  p += n_columns;
  if (!_mysql_binlog_read_packed_length (&p, end, &meta_length))
    goto truncated;
  meta = p;
  meta_end = p + meta_length;
  p = meta_end;
  if ((gsize) (end - p) < (n_columns + 7) / 8)
    goto truncated;
  null_bitmap = p;
  p += (n_columns + 7) / 8;

  table = _mysql_binlog_table_new (table_id, schema, name, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      MysqlBinlogColumn *column = &table->columns[i];

      column->type = types[i];
      if (!read_column_meta (column, &meta, meta_end))
        {
          _mysql_binlog_set_corrupt (error, "Table map of %s.%s: the metadata of column %u is truncated",
                                     schema, name, i + 1);
          return NULL;
        }
      _mysql_binlog_column_resolve_real_type (column);
      column->nullable = (null_bitmap[i / 8] >> (i % 8)) & 1;
      column->name = g_strdup_printf ("@%u", i + 1);
    }

  *needs = 0;
  table->flavour = decoder->flavour;
  if (!parse_optional_metadata (table, decoder->flavour, p, end, needs, error))
    return NULL;

  /* MariaDB before 10.1.2, and later ones with mysql56_temporal_format=OFF,
   * store TIME(n), DATETIME(n) and TIMESTAMP(n) with n > 0 in "hires"
   * formats of their own (Field_time_hires, Field_datetime_hires,
   * Field_timestamp_hires in sql/field.cc), which the table map logs
   * under the old type codes with no metadata at all, exactly like the
   * real old formats of TIME, DATETIME and TIMESTAMP without fraction:
   * their values are longer (TIME(2) takes 4 bytes, not 3), and nothing
   * in the binary log says how many fractional digits a column has, not
   * even with binlog_row_metadata=FULL.  Only information_schema does
   * (DATETIME_PRECISION).  MySQL 5.6 and later never log fractional
   * columns under the old codes, so theirs are the old formats. */
  if (decoder->flavour == MYSQL_BINLOG_FLAVOUR_MARIADB)
    for (guint i = 0; i < n_columns; i++)
      {
        MysqlBinlogColumn *column = &table->columns[i];

        if (column->real_type == MYSQL_BINLOG_COLUMN_TYPE_TIME ||
            column->real_type == MYSQL_BINLOG_COLUMN_TYPE_DATETIME ||
            column->real_type == MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP)
          {
            column->precision_unknown = TRUE;
            *needs |= MYSQL_BINLOG_TABLE_NEEDS_TEMPORAL_PRECISION;
          }
      }

  table->map_body = g_bytes_new (info->body, info->body_length);
  g_hash_table_replace (decoder->tables, &table->id, _mysql_binlog_table_ref (table));
  *is_new = TRUE;
  return table;

truncated:
  _mysql_binlog_set_corrupt (error, "Truncated table map event (table id %" G_GUINT64_FORMAT ")", table_id);
  return NULL;
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

/* {{{ Events that only inform: what mysql_binlog_event_dump() shows of them */

/* The bytes of an event after its common header, up to the checksum,
 * whatever post-header length the format description announced. */
static const guint8 *
event_payload (const MysqlBinlogEventInfo *info,
               gsize                      *length)
{
  *length = info->length - (info->post_header - info->data);
  return info->post_header;
}

/* Appends at most 200 bytes of @data as text, valid UTF-8. */
static void
append_text (GString      *out,
             const guint8 *data,
             gsize         length)
{
  g_autofree char *text = g_utf8_make_valid ((const char *) data, MIN (length, 200));

  g_string_append (out, text);
  if (length > 200)
    g_string_append (out, "...");
}

static void
append_hex (GString      *out,
            const guint8 *data,
            gsize         length)
{
  for (gsize i = 0; i < length; i++)
    g_string_append_printf (out, "%02x", data[i]);
}

const char *
_mysql_binlog_incident_name (guint16 number)
{
  switch (number)
    {
    case MYSQL_BINLOG_INCIDENT_NONE:
      return "NONE";
    case MYSQL_BINLOG_INCIDENT_LOST_EVENTS:
      return "LOST_EVENTS";
    default:
      return "UNKNOWN";
    }
}

gboolean
_mysql_binlog_decoder_incident (MysqlBinlogDecoder          *decoder,
                                const MysqlBinlogEventInfo  *info,
                                guint16                     *number,
                                char                       **message,
                                GError                     **error)
{
  gsize length;
  const guint8 *p = event_payload (info, &length);

  /* The incident number (2 bytes), then the message with a length byte;
   * servers before MySQL 5.1.x could leave the message out. */
  if (length < 2)
    return _mysql_binlog_set_corrupt (error, "INCIDENT event of %u bytes: too short for its "
                                      "incident number", info->event_size);
  *number = _mysql_binlog_le16 (p);
  if (length == 2)
    {
      *message = g_strdup ("");
      return TRUE;
    }
  if ((gsize) p[2] > length - 3)
    return _mysql_binlog_set_corrupt (error, "INCIDENT event: its %u-byte message runs past "
                                      "the end of the %u-byte event", p[2], info->event_size);
  *message = g_utf8_make_valid ((const char *) p + 3, p[2]);
  return TRUE;
}

gboolean
_mysql_binlog_decoder_xa_prepare (MysqlBinlogDecoder          *decoder,
                                  const MysqlBinlogEventInfo  *info,
                                  gboolean                    *one_phase,
                                  char                       **xid,
                                  GError                     **error)
{
  gsize length;
  const guint8 *p = event_payload (info, &length);
  guint32 format_id, gtrid_length, bqual_length;
  GString *text;

  /* one_phase (1), formatID (4), gtrid_length (4), bqual_length (4), and
   * the two parts of the XID, 64 bytes each at most. */
  if (length < 13)
    return _mysql_binlog_set_corrupt (error, "XA_PREPARE event of %u bytes: too short for "
                                      "its XID", info->event_size);
  *one_phase = p[0] != 0;
  format_id = _mysql_binlog_le32 (p + 1);
  gtrid_length = _mysql_binlog_le32 (p + 5);
  bqual_length = _mysql_binlog_le32 (p + 9);
  if (gtrid_length > 64 || bqual_length > 64)
    return _mysql_binlog_set_corrupt (error, "XA_PREPARE event: XID parts of %u and %u bytes "
                                      "(64 at most)", gtrid_length, bqual_length);
  if (gtrid_length + bqual_length > length - 13)
    return _mysql_binlog_set_corrupt (error, "XA_PREPARE event: its %u-byte XID runs past "
                                      "the end of the %u-byte event",
                                      gtrid_length + bqual_length, info->event_size);
  /* As XA RECOVER ... CONVERT XID and mysqlbinlog write it. */
  text = g_string_new ("X'");
  append_hex (text, p + 13, gtrid_length);
  g_string_append (text, "',X'");
  append_hex (text, p + 13 + gtrid_length, bqual_length);
  g_string_append_printf (text, "',%d", (gint32) format_id);
  *xid = g_string_free (text, FALSE);
  return TRUE;
}

static gboolean
describe_heartbeat (const MysqlBinlogEventInfo  *info,
                    GString                     *out,
                    GError                     **error)
{
  gsize length;
  const guint8 *p = event_payload (info, &length);
  const guint8 *end = p + length;

  if (info->type == MYSQL_BINLOG_EVENT_HEARTBEAT)
    {
      /* The body is the name of the file the source is at. */
      g_string_append (out, "Log file: ");
      append_text (out, p, length);
      g_string_append_c (out, '\n');
      return TRUE;
    }

  /* HEARTBEAT_V2: fields of a type and a length (both length-encoded),
   * ended by a type 0. */
  while (p < end)
    {
      guint64 type, field_length;
      const guint8 *field;

      if (!_mysql_binlog_read_packed (&p, end, &type))
        return _mysql_binlog_set_corrupt (error, "HEARTBEAT_V2 event: truncated field type");
      if (type == 0)
        break;
      if (!_mysql_binlog_read_packed_length (&p, end, &field_length))
        return _mysql_binlog_set_corrupt (error, "HEARTBEAT_V2 event: field %" G_GUINT64_FORMAT
                                          " runs past the end of the event", type);
      field = p;
      p += field_length;
      switch (type)
        {
        case 1: /* the log file name */
          g_string_append (out, "Log file: ");
          append_text (out, field, field_length);
          g_string_append_c (out, '\n');
          break;
        case 2: /* the log position, length-encoded */
          {
            guint64 position;
            const guint8 *q = field;

            if (!_mysql_binlog_read_packed (&q, p, &position) || q != p)
              return _mysql_binlog_set_corrupt (error, "HEARTBEAT_V2 event: malformed log "
                                                "position field");
            g_string_append_printf (out, "Log position: %" G_GUINT64_FORMAT "\n", position);
          }
          break;
        default:
          /* Fields of newer servers. */
          break;
        }
    }
  return TRUE;
}

/* At most this many items of a list are shown. */
#define DESCRIBE_MAX_ITEMS 16

static gboolean
describe_transaction_context (const MysqlBinlogEventInfo  *info,
                              GString                     *out,
                              GError                     **error)
{
  gsize length;
  const guint8 *p = event_payload (info, &length);
  const guint8 *end = p + length;
  guint8 uuid_length;
  guint32 thread_id, snapshot_length, set_lengths[2];
  gboolean gtid_specified;
  static const char * const set_names[] = { "Write set", "Read set" };

  /* server_uuid length (1), thread id (4), gtid_specified (1), snapshot
   * version length (4), write set items (4), read set items (4); then the
   * server UUID, the snapshot version (a GTID set) and the sets' items,
   * each with a 2-byte length. */
  if (length < 18)
    return _mysql_binlog_set_corrupt (error, "TRANSACTION_CONTEXT event of %u bytes: too short "
                                      "for its header", info->event_size);
  uuid_length = p[0];
  thread_id = _mysql_binlog_le32 (p + 1);
  gtid_specified = p[5] != 0;
  snapshot_length = _mysql_binlog_le32 (p + 6);
  set_lengths[0] = _mysql_binlog_le32 (p + 10);
  set_lengths[1] = _mysql_binlog_le32 (p + 14);
  p += 18;
  if ((gsize) (end - p) < uuid_length ||
      (gsize) (end - p) - uuid_length < snapshot_length)
    return _mysql_binlog_set_corrupt (error, "TRANSACTION_CONTEXT event: its server UUID and "
                                      "snapshot version run past the end of the event");

  g_string_append (out, "Server UUID: ");
  append_text (out, p, uuid_length);
  p += uuid_length;
  g_string_append_printf (out, "\nThread id: %u\nGTID specified: %s\n", thread_id,
                          gtid_specified ? "yes" : "no");
  if (snapshot_length > 0)
    {
      g_autoptr(MysqlBinlogGtidSet) snapshot = _mysql_binlog_gtid_set_new ();

      g_string_append (out, "Snapshot version: ");
      if (_mysql_binlog_gtid_parse_previous_gtids (p, snapshot_length, snapshot, NULL))
        {
          g_autofree char *text = _mysql_binlog_gtid_set_to_string (snapshot);
          g_string_append (out, text);
        }
      else
        append_hex (out, p, MIN (snapshot_length, 64));
      g_string_append_c (out, '\n');
      p += snapshot_length;
    }

  for (guint s = 0; s < 2; s++)
    {
      g_string_append_printf (out, "%s: %u item%s", set_names[s], set_lengths[s],
                              set_lengths[s] == 1 ? "" : "s");
      for (guint32 i = 0; i < set_lengths[s]; i++)
        {
          guint16 item_length;

          if (end - p < 2 || (item_length = _mysql_binlog_le16 (p), (gsize) (end - p - 2) < item_length))
            return _mysql_binlog_set_corrupt (error, "TRANSACTION_CONTEXT event: item %u of "
                                              "its %s runs past the end of the event", i + 1,
                                              s == 0 ? "write set" : "read set");
          if (i < DESCRIBE_MAX_ITEMS)
            {
              g_string_append (out, i == 0 ? ": " : ", ");
              append_text (out, p + 2, item_length);
            }
          else if (i == DESCRIBE_MAX_ITEMS)
            g_string_append (out, ", ...");
          p += 2 + item_length;
        }
      g_string_append_c (out, '\n');
    }
  return TRUE;
}

static gboolean
describe_view_change (const MysqlBinlogEventInfo  *info,
                      GString                     *out,
                      GError                     **error)
{
  gsize length;
  const guint8 *p = event_payload (info, &length);
  const guint8 *end = p + length;
  guint32 n_entries;
  gsize view_id_length;

  /* The view id (40 bytes, NUL-padded), the sequence number (8) and the
   * number of certification entries (4); then each entry: a key with a
   * 2-byte length, a value with a 4-byte length. */
  if (length < 52)
    return _mysql_binlog_set_corrupt (error, "VIEW_CHANGE event of %u bytes: too short for "
                                      "its header", info->event_size);
  view_id_length = strnlen ((const char *) p, 40);
  g_string_append (out, "View id: ");
  append_text (out, p, view_id_length);
  g_string_append_printf (out, "\nSequence number: %" G_GINT64_FORMAT "\n",
                          (gint64) _mysql_binlog_le64 (p + 40));
  n_entries = _mysql_binlog_le32 (p + 48);
  p += 52;
  g_string_append_printf (out, "Certification info: %u entr%s\n", n_entries,
                          n_entries == 1 ? "y" : "ies");
  for (guint32 i = 0; i < n_entries; i++)
    {
      guint16 key_length;
      guint32 value_length;
      const guint8 *key;

      if (end - p < 2 || (key_length = _mysql_binlog_le16 (p), (gsize) (end - p - 2) < key_length))
        return _mysql_binlog_set_corrupt (error, "VIEW_CHANGE event: certification entry %u "
                                          "runs past the end of the event", i + 1);
      key = p + 2;
      p += 2 + key_length;
      if (end - p < 4 || (value_length = _mysql_binlog_le32 (p), (gsize) (end - p - 4) < value_length))
        return _mysql_binlog_set_corrupt (error, "VIEW_CHANGE event: certification entry %u "
                                          "runs past the end of the event", i + 1);
      if (i < DESCRIBE_MAX_ITEMS)
        {
          g_string_append (out, "  ");
          append_text (out, key, key_length);
          g_string_append (out, ": ");
          append_text (out, p + 4, value_length);
          g_string_append_c (out, '\n');
        }
      else if (i == DESCRIBE_MAX_ITEMS)
        g_string_append (out, "  ...\n");
      p += 4 + value_length;
    }
  return TRUE;
}

char *
_mysql_binlog_decoder_describe (MysqlBinlogDecoder          *decoder,
                                const MysqlBinlogEventInfo  *info,
                                GError                     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  switch (info->type)
    {
    case MYSQL_BINLOG_EVENT_HEARTBEAT:
    case MYSQL_BINLOG_EVENT_HEARTBEAT_V2:
      if (!describe_heartbeat (info, out, error))
        return NULL;
      break;
    case MYSQL_BINLOG_EVENT_TRANSACTION_CONTEXT:
      if (!describe_transaction_context (info, out, error))
        return NULL;
      break;
    case MYSQL_BINLOG_EVENT_VIEW_CHANGE:
      if (!describe_view_change (info, out, error))
        return NULL;
      break;
    case MYSQL_BINLOG_EVENT_INCIDENT:
      {
        g_autofree char *message = NULL;
        guint16 number;

        if (!_mysql_binlog_decoder_incident (decoder, info, &number, &message, error))
          return NULL;
        g_string_append_printf (out, "Incident: %s (%u)\n", _mysql_binlog_incident_name (number),
                                number);
        if (*message != '\0')
          g_string_append_printf (out, "Message: %s\n", message);
      }
      break;
    case MYSQL_BINLOG_EVENT_XA_PREPARE:
      {
        g_autofree char *xid = NULL;
        gboolean one_phase;

        if (!_mysql_binlog_decoder_xa_prepare (decoder, info, &one_phase, &xid, error))
          return NULL;
        g_string_append_printf (out, "XID: %s\nOne phase: %s\n", xid, one_phase ? "yes" : "no");
      }
      break;
    default:
      break;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* }}} */

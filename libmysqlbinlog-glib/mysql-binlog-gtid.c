/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include "mysql-binlog-gtid-private.h"
#include "mysql-binlog-error-private.h"
#include "wire-private.h"

typedef struct
{
  guint32 domain;
  guint32 server;
  guint64 sequence;
} MariadbGtid;

typedef struct
{
  guint64 first;
  guint64 last;   /* inclusive */
} Interval;

typedef struct
{
  guint8 uuid[16];
  char *tag;          /* "" when untagged */
  GArray *intervals;  /* of Interval, sorted, disjoint, not adjacent */
} Tsid;

struct _MysqlBinlogGtidSet
{
  MysqlBinlogGtidKind kind;
  GArray *mariadb;    /* of MariadbGtid, sorted by domain */
  GPtrArray *tsids;   /* of Tsid, sorted by uuid then tag */
};

#define MAX_TAG_LENGTH 32
/* MySQL's largest transaction number: 2^63 - 2. */
#define MAX_GNO G_GUINT64_CONSTANT (0x7ffffffffffffffe)

static void
tsid_free (Tsid *tsid)
{
  g_free (tsid->tag);
  g_array_unref (tsid->intervals);
  g_free (tsid);
}

MysqlBinlogGtidSet *
_mysql_binlog_gtid_set_new (void)
{
  MysqlBinlogGtidSet *set = g_new0 (MysqlBinlogGtidSet, 1);

  set->mariadb = g_array_new (FALSE, FALSE, sizeof (MariadbGtid));
  set->tsids = g_ptr_array_new_with_free_func ((GDestroyNotify) tsid_free);
  return set;
}

void
_mysql_binlog_gtid_set_free (MysqlBinlogGtidSet *set)
{
  if (set == NULL)
    return;
  g_array_unref (set->mariadb);
  g_ptr_array_unref (set->tsids);
  g_free (set);
}

MysqlBinlogGtidSet *
_mysql_binlog_gtid_set_copy (const MysqlBinlogGtidSet *set)
{
  MysqlBinlogGtidSet *copy = _mysql_binlog_gtid_set_new ();

  copy->kind = set->kind;
  g_array_append_vals (copy->mariadb, set->mariadb->data, set->mariadb->len);
  for (guint i = 0; i < set->tsids->len; i++)
    {
      const Tsid *tsid = g_ptr_array_index (set->tsids, i);
      Tsid *dup = g_new0 (Tsid, 1);

      memcpy (dup->uuid, tsid->uuid, 16);
      dup->tag = g_strdup (tsid->tag);
      dup->intervals = g_array_sized_new (FALSE, FALSE, sizeof (Interval), tsid->intervals->len);
      g_array_append_vals (dup->intervals, tsid->intervals->data, tsid->intervals->len);
      g_ptr_array_add (copy->tsids, dup);
    }
  return copy;
}

MysqlBinlogGtidKind
_mysql_binlog_gtid_set_get_kind (const MysqlBinlogGtidSet *set)
{
  return set->kind;
}

gboolean
_mysql_binlog_gtid_set_is_empty (const MysqlBinlogGtidSet *set)
{
  return set->mariadb->len == 0 && set->tsids->len == 0;
}

static gboolean
check_kind (MysqlBinlogGtidSet   *set,
            MysqlBinlogGtidKind   kind,
            GError              **error)
{
  if (set->kind == MYSQL_BINLOG_GTID_KIND_NONE)
    set->kind = kind;
  if (set->kind == kind)
    return TRUE;
  g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION,
                       "A MariaDB GTID list and a MySQL GTID set cannot be combined");
  return FALSE;
}

/* MariaDB lists */

gboolean
_mysql_binlog_gtid_set_add_mariadb (MysqlBinlogGtidSet  *set,
                                    guint32              domain,
                                    guint32              server,
                                    guint64              sequence,
                                    GError             **error)
{
  MariadbGtid gtid = { domain, server, sequence };
  guint i;

  if (!check_kind (set, MYSQL_BINLOG_GTID_KIND_MARIADB, error))
    return FALSE;

  for (i = 0; i < set->mariadb->len; i++)
    {
      MariadbGtid *old = &g_array_index (set->mariadb, MariadbGtid, i);

      if (old->domain == domain)
        {
          *old = gtid;
          return TRUE;
        }
      if (old->domain > domain)
        break;
    }
  g_array_insert_val (set->mariadb, i, gtid);
  return TRUE;
}

static const MariadbGtid *
find_domain (const MysqlBinlogGtidSet *set,
             guint32                   domain)
{
  for (guint i = 0; i < set->mariadb->len; i++)
    {
      const MariadbGtid *gtid = &g_array_index (set->mariadb, MariadbGtid, i);

      if (gtid->domain == domain)
        return gtid;
    }
  return NULL;
}

/* MySQL sets */

static int
compare_tsid (const guint8 *uuid_a,
              const char   *tag_a,
              const guint8 *uuid_b,
              const char   *tag_b)
{
  int cmp = memcmp (uuid_a, uuid_b, 16);

  return cmp != 0 ? cmp : strcmp (tag_a, tag_b);
}

static Tsid *
find_tsid (const MysqlBinlogGtidSet *set,
           const guint8             *uuid,
           const char               *tag,
           gboolean                  create)
{
  guint i;
  Tsid *tsid;

  for (i = 0; i < set->tsids->len; i++)
    {
      int cmp;

      tsid = g_ptr_array_index (set->tsids, i);
      cmp = compare_tsid (tsid->uuid, tsid->tag, uuid, tag);
      if (cmp == 0)
        return tsid;
      if (cmp > 0)
        break;
    }
  if (!create)
    return NULL;

  tsid = g_new0 (Tsid, 1);
  memcpy (tsid->uuid, uuid, 16);
  tsid->tag = g_strdup (tag);
  tsid->intervals = g_array_new (FALSE, FALSE, sizeof (Interval));
  g_ptr_array_insert (set->tsids, i, tsid);
  return tsid;
}

static void
add_interval (GArray  *intervals,
              guint64  first,
              guint64  last)
{
  guint i = 0;

  /* Skip the intervals that end before @first - 1. */
  while (i < intervals->len && g_array_index (intervals, Interval, i).last + 1 < first)
    i++;

  /* Merge every interval that overlaps or touches [first, last]. */
  while (i < intervals->len && g_array_index (intervals, Interval, i).first <= last + 1)
    {
      Interval *old = &g_array_index (intervals, Interval, i);

      first = MIN (first, old->first);
      last = MAX (last, old->last);
      g_array_remove_index (intervals, i);
    }

  g_array_insert_val (intervals, i, ((Interval) { first, last }));
}

static gboolean
normalize_tag (const char  *tag,
               char       **normalized,
               GError     **error)
{
  gsize length = tag != NULL ? strlen (tag) : 0;

  if (length == 0)
    {
      *normalized = g_strdup ("");
      return TRUE;
    }
  if (length > MAX_TAG_LENGTH || !(g_ascii_isalpha (tag[0]) || tag[0] == '_'))
    goto invalid;
  for (gsize i = 1; i < length; i++)
    if (!(g_ascii_isalnum (tag[i]) || tag[i] == '_'))
      goto invalid;

  *normalized = g_ascii_strdown (tag, length);
  return TRUE;

invalid:
  {
    g_autofree char *quoted = _mysql_binlog_quote_text (tag, length, MYSQL_BINLOG_QUOTE_MAX);

    g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION,
                 "“%s” is not a GTID tag: a tag is a letter or underscore followed by up "
                 "to 31 letters, digits or underscores", quoted);
  }
  return FALSE;
}

gboolean
_mysql_binlog_gtid_set_add_mysql (MysqlBinlogGtidSet  *set,
                                  const guint8        *uuid,
                                  const char          *tag,
                                  guint64              first,
                                  guint64              last,
                                  GError             **error)
{
  g_autofree char *normalized = NULL;
  Tsid *tsid;

  if (!check_kind (set, MYSQL_BINLOG_GTID_KIND_MYSQL, error))
    return FALSE;
  if (!normalize_tag (tag, &normalized, error))
    return FALSE;
  if (first == 0 || last < first || last > MAX_GNO)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION,
                   "%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT " is not an interval of "
                   "transaction numbers (from 1 to 2^63-2, the first not above the last)",
                   first, last);
      return FALSE;
    }

  tsid = find_tsid (set, uuid, normalized, TRUE);
  add_interval (tsid->intervals, first, last);
  return TRUE;
}

static gboolean
intervals_contain (GArray         *intervals,
                   const Interval *wanted)
{
  for (guint i = 0; i < intervals->len; i++)
    {
      const Interval *have = &g_array_index (intervals, Interval, i);

      if (have->first <= wanted->first && wanted->last <= have->last)
        return TRUE;
    }
  return FALSE;
}

/* Both kinds */

gboolean
_mysql_binlog_gtid_set_union (MysqlBinlogGtidSet        *set,
                              const MysqlBinlogGtidSet  *other,
                              GError                   **error)
{
  if (other->kind == MYSQL_BINLOG_GTID_KIND_NONE)
    return TRUE;
  if (!check_kind (set, other->kind, error))
    return FALSE;

  for (guint i = 0; i < other->mariadb->len; i++)
    {
      const MariadbGtid *gtid = &g_array_index (other->mariadb, MariadbGtid, i);
      const MariadbGtid *have = find_domain (set, gtid->domain);

      if (have == NULL || have->sequence < gtid->sequence)
        _mysql_binlog_gtid_set_add_mariadb (set, gtid->domain, gtid->server, gtid->sequence, NULL);
    }

  for (guint i = 0; i < other->tsids->len; i++)
    {
      const Tsid *tsid = g_ptr_array_index (other->tsids, i);
      Tsid *mine = find_tsid (set, tsid->uuid, tsid->tag, TRUE);

      for (guint j = 0; j < tsid->intervals->len; j++)
        {
          const Interval *interval = &g_array_index (tsid->intervals, Interval, j);
          add_interval (mine->intervals, interval->first, interval->last);
        }
    }
  return TRUE;
}

gboolean
_mysql_binlog_gtid_set_contains (const MysqlBinlogGtidSet *set,
                                 const MysqlBinlogGtidSet *other)
{
  if (_mysql_binlog_gtid_set_is_empty (other))
    return TRUE;
  if (set->kind != other->kind)
    return FALSE;

  for (guint i = 0; i < other->mariadb->len; i++)
    {
      const MariadbGtid *gtid = &g_array_index (other->mariadb, MariadbGtid, i);
      const MariadbGtid *have = find_domain (set, gtid->domain);

      if (have == NULL || have->sequence < gtid->sequence)
        return FALSE;
    }

  for (guint i = 0; i < other->tsids->len; i++)
    {
      const Tsid *tsid = g_ptr_array_index (other->tsids, i);
      Tsid *mine = find_tsid (set, tsid->uuid, tsid->tag, FALSE);

      for (guint j = 0; j < tsid->intervals->len; j++)
        if (mine == NULL || !intervals_contain (mine->intervals,
                                                &g_array_index (tsid->intervals, Interval, j)))
          return FALSE;
    }
  return TRUE;
}

/* Text */

static gboolean
parse_uint (const char *text,
            guint64     max,
            guint64    *value)
{
  char *end = NULL;

  if (!g_ascii_isdigit (*text))
    return FALSE;
  errno = 0;
  *value = g_ascii_strtoull (text, &end, 10);
  return errno == 0 && *end == '\0' && *value <= max;
}

static gboolean
parse_uuid (const char *text,
            guint8      uuid[16])
{
  gsize n = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      int high, low;

      if (*p == '-' && (p - text == 8 || p - text == 13 || p - text == 18 || p - text == 23))
        continue;
      if (n == 16 || (high = g_ascii_xdigit_value (p[0])) < 0 ||
          (low = g_ascii_xdigit_value (p[1])) < 0)
        return FALSE;
      uuid[n++] = (high << 4) | low;
      p++;
    }
  return n == 16 && (strlen (text) == 32 || strlen (text) == 36);
}

static gboolean
parse_mariadb_entry (MysqlBinlogGtidSet  *set,
                     const char          *entry,
                     GError             **error)
{
  g_auto(GStrv) parts = g_strsplit (entry, "-", -1);
  guint64 domain, server, sequence;

  if (g_strv_length (parts) != 3 ||
      !parse_uint (parts[0], G_MAXUINT32, &domain) ||
      !parse_uint (parts[1], G_MAXUINT32, &server) ||
      !parse_uint (parts[2], G_MAXUINT64, &sequence))
    return FALSE;
  if (find_domain (set, domain) != NULL)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION,
                   "The GTID list names the replication domain %" G_GUINT64_FORMAT " twice",
                   domain);
      return FALSE;
    }
  return _mysql_binlog_gtid_set_add_mariadb (set, domain, server, sequence, error);
}

static gboolean
parse_mysql_entry (MysqlBinlogGtidSet  *set,
                   const char          *entry,
                   GError             **error)
{
  g_auto(GStrv) parts = g_strsplit (entry, ":", -1);
  guint8 uuid[16];
  const char *tag = NULL;

  if (!parse_uuid (g_strstrip (parts[0]), uuid))
    return FALSE;
  if (!check_kind (set, MYSQL_BINLOG_GTID_KIND_MYSQL, error))
    return FALSE;

  for (guint i = 1; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      char *dash = strchr (part, '-');
      guint64 first, last;

      if (g_ascii_isalpha (*part) || *part == '_')
        {
          tag = part;
          continue;
        }
      if (dash != NULL)
        *dash = '\0';
      if (!parse_uint (part, G_MAXUINT64, &first) ||
          !parse_uint (dash != NULL ? dash + 1 : part, G_MAXUINT64, &last))
        return FALSE;
      if (!_mysql_binlog_gtid_set_add_mysql (set, uuid, tag, first, last, error))
        return FALSE;
    }
  return TRUE;
}

MysqlBinlogGtidSet *
_mysql_binlog_gtid_set_parse (const char  *text,
                              GError     **error)
{
  g_autoptr(MysqlBinlogGtidSet) set = _mysql_binlog_gtid_set_new ();
  g_auto(GStrv) entries = NULL;
  g_autoptr(GError) local_error = NULL;

  entries = g_strsplit (text, ",", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      char *entry = g_strstrip (entries[i]);
      gboolean ok;

      if (*entry == '\0')
        {
          if (entries[1] == NULL)
            break;  /* the empty set */
          goto invalid;
        }
      if (strchr (entry, ':') != NULL || strlen (entry) == 36 || strlen (entry) == 32)
        ok = parse_mysql_entry (set, entry, &local_error);
      else
        ok = parse_mariadb_entry (set, entry, &local_error);
      if (!ok)
        goto invalid;
    }
  return g_steal_pointer (&set);

invalid:
  {
    g_autofree char *quoted = _mysql_binlog_quote_text (text, -1, MYSQL_BINLOG_QUOTE_MAX);

    g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION,
                 "“%s” is not a GTID set: expected a MariaDB GTID list (0-1-42,1-2-7) or "
                 "a MySQL GTID set (3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7)%s%s",
                 quoted, local_error != NULL ? ": " : "",
                 local_error != NULL ? local_error->message : "");
  }
  return NULL;
}

static void
append_uuid (GString      *string,
             const guint8 *uuid)
{
  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        g_string_append_c (string, '-');
      g_string_append_printf (string, "%02x", uuid[i]);
    }
}

char *
_mysql_binlog_gtid_set_to_string (const MysqlBinlogGtidSet *set)
{
  GString *string = g_string_new (NULL);
  const guint8 *previous_uuid = NULL;

  for (guint i = 0; i < set->mariadb->len; i++)
    {
      const MariadbGtid *gtid = &g_array_index (set->mariadb, MariadbGtid, i);

      g_string_append_printf (string, "%s%u-%u-%" G_GUINT64_FORMAT, i > 0 ? "," : "",
                              gtid->domain, gtid->server, gtid->sequence);
    }

  for (guint i = 0; i < set->tsids->len; i++)
    {
      const Tsid *tsid = g_ptr_array_index (set->tsids, i);

      if (tsid->intervals->len == 0)
        continue;
      if (previous_uuid == NULL || memcmp (previous_uuid, tsid->uuid, 16) != 0)
        {
          if (string->len > 0)
            g_string_append_c (string, ',');
          append_uuid (string, tsid->uuid);
          previous_uuid = tsid->uuid;
        }
      if (*tsid->tag != '\0')
        g_string_append_printf (string, ":%s", tsid->tag);
      for (guint j = 0; j < tsid->intervals->len; j++)
        {
          const Interval *interval = &g_array_index (tsid->intervals, Interval, j);

          if (interval->first == interval->last)
            g_string_append_printf (string, ":%" G_GUINT64_FORMAT, interval->first);
          else
            g_string_append_printf (string, ":%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT,
                                    interval->first, interval->last);
        }
    }

  return g_string_free (string, FALSE);
}

/* Binary forms */

/* Appends @value as 8 little-endian bytes. */
static void
put_u64 (GByteArray *out,
         guint64     value)
{
  guint8 bytes[8];

  _mysql_binlog_put_le64 (bytes, value);
  g_byte_array_append (out, bytes, 8);
}

/* MySQL's serialization format (libs/mysql/serialization): an unsigned
 * integer takes 1 to 9 bytes; the number of trailing one bits of the first
 * byte is the number of bytes that follow, and the value is the remaining
 * bits, little-endian. */
static gboolean
read_varlen (const guint8 **p,
             const guint8  *end,
             guint64       *value)
{
  guint extra;

  if (*p >= end)
    return FALSE;
  for (extra = 0; extra < 8 && ((*p)[0] & (1u << extra)); extra++)
    ;
  if ((gsize) (end - *p) < extra + 1)
    return FALSE;
  if (extra == 8)
    {
      *value = _mysql_binlog_le64 (*p + 1);
      *p += 9;
      return TRUE;
    }
  *value = _mysql_binlog_le_uint (*p, extra + 1) >> (extra + 1);
  *p += extra + 1;
  return TRUE;
}

static void
write_varlen (GByteArray *out,
              guint64     value)
{
  guint8 bytes[9];
  guint extra;

  for (extra = 0; extra < 8; extra++)
    if (value < (G_GUINT64_CONSTANT (1) << (7 * (extra + 1))))
      break;
  if (extra == 8)
    {
      bytes[0] = 0xff;
      _mysql_binlog_put_le64 (bytes + 1, value);
      g_byte_array_append (out, bytes, 9);
      return;
    }
  value = (value << (extra + 1)) | ((1u << extra) - 1);
  _mysql_binlog_put_le_uint (bytes, value, extra + 1);
  g_byte_array_append (out, bytes, extra + 1);
}

GBytes *
_mysql_binlog_gtid_set_encode (const MysqlBinlogGtidSet *set)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gboolean tagged = FALSE;
  guint64 n_tsids = 0;

  for (guint i = 0; i < set->tsids->len; i++)
    {
      const Tsid *tsid = g_ptr_array_index (set->tsids, i);

      if (tsid->intervals->len == 0)
        continue;
      n_tsids++;
      tagged |= *tsid->tag != '\0';
    }

  /* Tagged format: the format byte (1) in the first and last byte, the
   * count in between. */
  put_u64 (out, tagged ? (G_GUINT64_CONSTANT (1) << 56) | (n_tsids << 8) | 1 : n_tsids);
  for (guint i = 0; i < set->tsids->len; i++)
    {
      const Tsid *tsid = g_ptr_array_index (set->tsids, i);

      if (tsid->intervals->len == 0)
        continue;
      g_byte_array_append (out, tsid->uuid, 16);
      if (tagged)
        {
          write_varlen (out, strlen (tsid->tag));
          g_byte_array_append (out, (const guint8 *) tsid->tag, strlen (tsid->tag));
        }
      put_u64 (out, tsid->intervals->len);
      for (guint j = 0; j < tsid->intervals->len; j++)
        {
          const Interval *interval = &g_array_index (tsid->intervals, Interval, j);

          put_u64 (out, interval->first);
          put_u64 (out, interval->last + 1);  /* the end is exclusive */
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

gboolean
_mysql_binlog_gtid_parse_mariadb_list (const guint8        *data,
                                       gsize                length,
                                       MysqlBinlogGtidSet  *set,
                                       GError             **error)
{
  guint32 count;

  if (length < 4)
    return _mysql_binlog_set_corrupt (error, "Truncated GTID list event");
  /* The low 28 bits count the GTIDs; the high 4 are flags. */
  count = _mysql_binlog_le32 (data) & 0x0fffffff;
  if ((length - 4) / 16 < count)
    return _mysql_binlog_set_corrupt (error, "GTID list event of %u GTIDs is only %" G_GSIZE_FORMAT
                                      " bytes long", count, length);
  for (guint32 i = 0; i < count; i++)
    {
      const guint8 *p = data + 4 + 16 * i;

      if (!_mysql_binlog_gtid_set_add_mariadb (set, _mysql_binlog_le32 (p), _mysql_binlog_le32 (p + 4),
                                               _mysql_binlog_le64 (p + 8), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_mysql_binlog_gtid_parse_previous_gtids (const guint8        *data,
                                         gsize                length,
                                         MysqlBinlogGtidSet  *set,
                                         GError             **error)
{
  const guint8 *p = data, *end = data + length;
  guint64 header, n_tsids;
  gboolean tagged;

  if (length < 8)
    return _mysql_binlog_set_corrupt (error, "Truncated previous GTIDs event");
  header = _mysql_binlog_le64 (p);
  p += 8;
  tagged = (header >> 56) == 1;
  if (!tagged && (header >> 56) != 0)
    return _mysql_binlog_set_corrupt (error, "Previous GTIDs event of unknown format %u",
                                      (guint) (header >> 56));
  n_tsids = tagged ? (header >> 8) & G_GUINT64_CONSTANT (0xffffffffffff) : header;

  for (guint64 i = 0; i < n_tsids; i++)
    {
      g_autofree char *tag = NULL;
      const guint8 *uuid;
      guint64 n_intervals;

      if (end - p < 16)
        goto truncated;
      uuid = p;
      p += 16;
      if (tagged)
        {
          guint64 tag_length;

          if (!read_varlen (&p, end, &tag_length) || tag_length > MAX_TAG_LENGTH ||
              (guint64) (end - p) < tag_length)
            goto truncated;
          tag = g_strndup ((const char *) p, tag_length);
          p += tag_length;
        }
      if (end - p < 8)
        goto truncated;
      n_intervals = _mysql_binlog_le64 (p);
      p += 8;
      if ((guint64) (end - p) / 16 < n_intervals)
        goto truncated;
      for (guint64 j = 0; j < n_intervals; j++, p += 16)
        {
          guint64 first = _mysql_binlog_le64 (p), end_exclusive = _mysql_binlog_le64 (p + 8);

          if (end_exclusive <= first)
            return _mysql_binlog_set_corrupt (error, "Previous GTIDs event with the empty "
                                              "interval %" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT,
                                              first, end_exclusive);
          if (!_mysql_binlog_gtid_set_add_mysql (set, uuid, tag, first, end_exclusive - 1, error))
            return FALSE;
        }
      if (set->kind == MYSQL_BINLOG_GTID_KIND_NONE)
        set->kind = MYSQL_BINLOG_GTID_KIND_MYSQL;
    }
  return TRUE;

truncated:
  return _mysql_binlog_set_corrupt (error, "Truncated previous GTIDs event");
}

/* Field numbers of a tagged GTID event (MySQL's Gtid_event). */
enum {
  FIELD_FLAGS = 0,
  FIELD_UUID = 1,
  FIELD_GNO = 2,
  FIELD_TAG = 3,
  FIELD_LAST_KNOWN = 11,
};

static gboolean
parse_tagged_gtid (const guint8  *data,
                   gsize          length,
                   guint8         uuid[16],
                   char         **tag,
                   guint64       *gno,
                   GError       **error)
{
  const guint8 *p = data, *end = data + length;
  const guint8 *fields_end;
  guint64 size, last_non_ignorable, field;
  gboolean have_uuid = FALSE, have_gno = FALSE;

  /* version (1), total size, last non-ignorable field, then the fields */
  if (length < 1 || p[0] != 2)
    return _mysql_binlog_set_corrupt (error, "Tagged GTID event of unknown serialization "
                                      "version %u", length > 0 ? p[0] : 0);
  p++;
  if (!read_varlen (&p, end, &size) || !read_varlen (&p, end, &last_non_ignorable) ||
      size > length || size < (guint64) (p - data))
    goto truncated;
  fields_end = data + size;

  while (p < fields_end)
    {
      guint64 value;

      if (!read_varlen (&p, fields_end, &field))
        goto truncated;
      switch (field)
        {
        case FIELD_UUID:
          for (guint i = 0; i < 16; i++)
            {
              if (!read_varlen (&p, fields_end, &value) || value > 255)
                goto truncated;
              uuid[i] = value;
            }
          have_uuid = TRUE;
          break;
        case FIELD_GNO:
          if (!read_varlen (&p, fields_end, &value))
            goto truncated;
          /* a signed number, zigzag-encoded */
          if (value & 1)
            return _mysql_binlog_set_corrupt (error, "Tagged GTID event with a negative "
                                              "transaction number");
          *gno = value >> 1;
          have_gno = TRUE;
          break;
        case FIELD_TAG:
          if (!read_varlen (&p, fields_end, &value) || value > MAX_TAG_LENGTH ||
              (guint64) (fields_end - p) < value)
            goto truncated;
          g_free (*tag);
          *tag = g_strndup ((const char *) p, value);
          p += value;
          break;
        default:
          /* Every other known field is one integer. */
          if (field > FIELD_LAST_KNOWN)
            {
              if (field <= last_non_ignorable)
                return _mysql_binlog_set_corrupt (error, "Tagged GTID event with the unknown "
                                                  "field %" G_GUINT64_FORMAT, field);
              p = fields_end;
              break;
            }
          if (!read_varlen (&p, fields_end, &value))
            goto truncated;
          break;
        }
    }

  if (!have_uuid || !have_gno)
    return _mysql_binlog_set_corrupt (error, "Tagged GTID event without its UUID or number");
  return TRUE;

truncated:
  return _mysql_binlog_set_corrupt (error, "Truncated tagged GTID event");
}

gboolean
_mysql_binlog_gtid_parse_mysql_event (guint8         type,
                                      const guint8  *data,
                                      gsize          length,
                                      guint8         uuid[16],
                                      char         **tag,
                                      guint64       *gno,
                                      GError       **error)
{
  *tag = NULL;
  if (type == 42)
    {
      if (!parse_tagged_gtid (data, length, uuid, tag, gno, error))
        {
          g_clear_pointer (tag, g_free);
          return FALSE;
        }
      return TRUE;
    }

  /* flags (1), uuid (16), gno (8), then logical clock fields */
  if (length < 25)
    return _mysql_binlog_set_corrupt (error, "Truncated GTID event");
  memcpy (uuid, data + 1, 16);
  *gno = _mysql_binlog_le64 (data + 17);
  return TRUE;
}

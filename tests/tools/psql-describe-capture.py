#!/usr/bin/env python3
# Builds tests/sql/psql_describe_{list,table,misc}.sql: the schema of psql-describe-schema.sql,
# then each query psql 15 runs (psql -E, ECHO_HIDDEN) for a list of meta-commands against
# PostgreSQL 15, deduplicated per file. The OIDs psql interpolates become
# 'schema.name'::pg_catalog.regclass (pgmicro's OIDs differ); the lookup query that prints
# c.oid is wrapped so only the schema and name print. Needs the cluster of tools/pg15-cluster.sh.
# Usage: python3 tests/tools/psql-describe-capture.py   (then tests/tools/regen-expected.sh)
import os, re, subprocess
root=os.path.abspath(os.path.join(os.path.dirname(__file__),'..','..'))
PSQL='/usr/lib/postgresql/15/bin/psql'
ARGS=subprocess.run(['bash',root+'/tools/pg15-cluster.sh','psql-args'],capture_output=True,text=True).stdout.split()
DB='psql_describe_capture'
def admin(sql):
    subprocess.run([PSQL,*ARGS,'-X','-q','-d','postgres','-c',sql],capture_output=True)
def psql(*a):
    return subprocess.run([PSQL,*ARGS,'-X','-d',DB,*a],capture_output=True,text=True).stdout
schema=open(root+'/tests/tools/psql-describe-schema.sql').read()
admin('DROP DATABASE IF EXISTS '+DB); admin('CREATE DATABASE '+DB+' TEMPLATE template0')
subprocess.run([PSQL,*ARGS,'-X','-q','-d',DB,'-c',schema],capture_output=True)
names={}
for line in psql('-At','-F','|','-c',"select c.oid, quote_ident(n.nspname)||'.'||quote_ident(relname) from pg_class c join pg_namespace n on n.oid=c.relnamespace where c.oid>=16384").splitlines():
    o,n=line.split('|'); names[o]=n
def queries(cmd):
    out=psql('-E','-c',cmd)
    return re.findall(r'\*+ QUERY \*+\n(.*?)\n\*{20,}\n',out,flags=re.S)
def fix(q):
    def rep(m):
        o=m.group(1)
        if o not in names: raise SystemExit('unknown oid %s in %s'%(o,q))
        return "'%s'::pg_catalog.regclass"%names[o]
    q=re.sub(r"'(\d{5,})'",rep,q)
    if q.startswith('SELECT c.oid,\n  n.nspname,\n  c.relname\n'):
        q='SELECT s.nspname, s.relname FROM (\n'+q.rstrip(';')+'\n) s;'
    if not q.rstrip().endswith(';'): q=q.rstrip()+';'
    if 'pg_catalog.pg_table_size(c.oid)) as "Size"' in q:
        # sizes are storage details (pgmicro's are SQLite pages): every column but "Size"
        q=('SELECT "Schema", "Name", "Type", "Owner", "Persistence", "Access method", "Description" FROM (\n'
           +q.rstrip().rstrip(';')+'\n) s ORDER BY 1, 2;')
    return q
def build(name, header, cmds, extra=''):
    seen=set(); parts=[header, schema]
    for cmd in cmds:
        for q in queries(cmd):
            f=fix(q)
            if f in seen: continue
            seen.add(f)
            parts.append('-- %s\n%s\n'%(cmd,f))
    if extra: parts.append(extra)
    open(root+'/tests/sql/%s.sql'%name,'w').write('\n'.join(parts))
H=('-- The queries psql 15 runs (psql -E) for %s, captured from psql 15 against\n'
   '-- PostgreSQL 15 by tests/tools/psql-describe-capture.py; the OIDs psql interpolates are\n'
   "-- 'schema.name'::regclass, the lookup queries print no OID.\n")
build('psql_describe_list', H%'the list meta-commands', ['\\d','\\dt','\\dt+','\\di','\\dv','\\ds','\\df','\\df+','\\dn','\\dn+','\\dT','\\dT+','\\dD','\\l postgres','\\du postgres','\\dx'],
      "-- relations without storage of their own\nSELECT pg_size_pretty(pg_table_size('measure')), pg_table_size('ref_v'), pg_size_pretty(0::bigint),\n"
      "  pg_size_pretty(10239::bigint), pg_size_pretty(10240::bigint), pg_size_pretty(123456789::bigint);\n"
      "-- \\l+ (its Size column is the database's storage)\n"
      "SELECT has_database_privilege('postgres', 'CONNECT'), has_database_privilege('postgres', 'CREATE'),\n"
      "  shobj_description(d.oid, 'pg_database'), t.spcname FROM pg_database d JOIN pg_tablespace t ON d.dattablespace = t.oid\n"
      "  WHERE d.datname = 'postgres';\n"
      "SELECT has_database_privilege('nosuchdb', 'CONNECT');\n")
build('psql_describe_table', H%'\\d and \\d+ of tables', ['\\d kinds','\\d+ kinds','\\d ref_t','\\d+ ref_t','\\d owner_t','\\d+ owner_t','\\d child_t','\\d parent_t','\\d app.things'])
build('psql_describe_misc', H%'\\d of views, sequences, indexes, partitioned tables and composite types', ['\\d ref_v','\\d+ ref_v','\\d free_seq','\\d kinds_s_seq','\\d kinds_id_seq','\\d ref_t_k_idx','\\d ref_t_q_uidx','\\d ref_t_expr_idx','\\d ref_t_multi_idx','\\d kinds_pkey','\\d measure','\\d+ measure','\\d measure_y2020','\\d+ measure_y2020','\\d pair'])
admin('DROP DATABASE IF EXISTS '+DB)

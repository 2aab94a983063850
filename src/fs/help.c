/*
 * The README files of query/ and search/: the syntax where users look
 * for it, so that the folders themselves list nothing else.
 */
#include "internal.h"

static const char query_help[] =
"newsfs query folders: a question is a path, one term per folder.\n"
"\n"
"  cd 'query/country=Japan/country=South Korea/date=2024'\n"
"  ls 'query/country=Japan|South Korea/!country=China'\n"
"  ls 'query/official=Reagan/date=1987-04-01..1987-04-09'\n"
"  ls 'query/country=North Korea/date=2024-07..2024-09/!text=football'\n"
"  ls 'query/country=Japan/text=semiconduct*'\n"
"  grep -l Austin 'query/text=\"Freedom Edge\"'/*\n"
"\n"
"Terms (all must hold; a leading ! means NOT, | means OR inside a term):\n"
"  country=NAME   as by-country/ names it\n"
"  official=NAME  as by-official/ names it, or any name the index knows\n"
"                 for that person (a surname alone when one person has it)\n"
"  source=NAME    as by-source/ names it (the site, the wire service,\n"
"                 unknown); else a folder name in the article's source\n"
"                 path (such as the host folder a crawler saves pages under)\n"
"  date=2024  date=2024-07  date=2024-07-28  date=undated\n"
"  date=2024-07..2024-09  date=1987-04-01..  date=..1987-04-09\n"
"  text=WORDS     every word occurs; \"a phrase\" occurs as written (case,\n"
"                 accents, punctuation and line breaks aside); word* is a\n"
"                 prefix. No stemming: missile* finds missiles.\n"
"\n"
"Names are matched without regard to case or accents. A folder lists only\n"
"its articles, the same files as everywhere else; further terms are not\n"
"listed, so find, grep -r, du and tar of the mount never enter query/.\n"
"An official name that several people share (official=Kim) gives an empty\n"
"folder; getfattr -n user.newsfs.why on it, and the daemon's log\n"
"(journalctl, or the terminal with -f), name the people to choose from.\n"
"A malformed term is refused (Invalid argument) and the log says why; a\n"
"name nothing indexed has is not there.\n"
"\n"
"Ranked search: ls 'search/north korea missile' lists the best matches\n"
"first (FTS5 bm25, headline words counting ten times), each name\n"
"prefixed by its rank.\n";

static const char search_help[] =
"newsfs search folders: ls 'search/WORDS' lists the articles that hold\n"
"every word, best first: each name starts with its rank (001, 002, ...)\n"
"and is the same file (same inode) as in articles/.\n"
"\n"
"  ls 'search/north korea missile'\n"
"  ls 'search/\"freedom edge\" austin'\n"
"  ls 'search/semiconduct* japan|korea'\n"
"\n"
"Words as in query/'s text= term: \"a phrase\", prefix*, | for OR; case\n"
"and accents do not matter; no stemming. Ranked by FTS5's bm25, words of\n"
"the headline counting ten times those of the text. At most the best\n"
"10000 are listed; query/text=WORDS lists every match, in no rank.\n";

_Static_assert(FSQ_SEARCH_MAX == 10000, "search_help says 10000");

const char *fsq_help(fuse_ino_t ino, size_t *len)
{
	const char *t = node_value(ino) == 2 ? search_help : query_help;
	*len = (node_value(ino) == 2 ? sizeof(search_help)
				     : sizeof(query_help)) - 1;
	return t;
}

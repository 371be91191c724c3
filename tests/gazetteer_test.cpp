// gazetteer_test.cpp — loading and validating schema/data, lookups, and the
// facts a test can check: no two holders of a portfolio overlap, every
// organisation of the sample corpus resolves to its canonical name.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include <unistd.h>

#include "schema/gazetteer.h"

using dossier::schema::GazetteerError;
using dossier::schema::Gazetteers;
using dossier::schema::lookup_key;
namespace fs = std::filesystem;

namespace {

const fs::path kDataDir = fs::path(DOSSIER_SOURCE_DIR) / "schema" / "data";

const Gazetteers& real() {
  static const Gazetteers g = Gazetteers::load(kDataDir);
  return g;
}

// A copy of schema/data in a fresh temporary folder, to spoil one file at a time.
class DataCopy {
 public:
  DataCopy() {
    dir_ = fs::temp_directory_path() /
           ("dossier-gazetteer-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const auto& e : fs::directory_iterator(kDataDir))
      if (e.path().extension() == ".tsv") fs::copy_file(e.path(), dir_ / e.path().filename());
  }
  ~DataCopy() { fs::remove_all(dir_); }
  const fs::path& dir() const { return dir_; }
  void append(const std::string& file, const std::string& text) const {
    std::ofstream(dir_ / file, std::ios::app) << text;
  }
  void write(const std::string& file, const std::string& text) const {
    std::ofstream(dir_ / file, std::ios::trunc) << text;
  }
  // Line count of a file, so a test knows the number of the line it appends.
  std::size_t lines(const std::string& file) const {
    std::ifstream in(dir_ / file);
    std::string line;
    std::size_t n = 0;
    while (std::getline(in, line)) ++n;
    return n;
  }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  fs::path dir_;
};

// The message of the GazetteerError that loading `dir` throws ("" if none).
std::string load_error(const fs::path& dir) {
  try {
    Gazetteers::load(dir);
  } catch (const GazetteerError& e) {
    return e.what();
  }
  return "";
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

TEST_CASE("the bundled gazetteers load and cover what the archive needs") {
  const Gazetteers& g = real();
  CHECK(g.ministers().size() >= 80);
  CHECK(g.portfolios().size() >= 8);
  CHECK(g.organisations().size() >= 50);
  CHECK(g.topics().size() == 22);
  CHECK(g.doc_types().size() == 8);
  for (const char* slug : {"letter", "press-release", "statement", "brief", "event", "news-digest",
                           "article", "other"})
    CHECK(g.doc_type(slug) != nullptr);
  for (const char* slug : {"security-certificates",
                           "extradition",
                           "torture",
                           "refugees-immigration",
                           "border-security",
                           "no-fly-list",
                           "surveillance",
                           "national-security-law",
                           "csis",
                           "rcmp",
                           "cbsa",
                           "cse",
                           "oversight-review",
                           "information-sharing",
                           "racial-profiling",
                           "islamophobia",
                           "terrorism-financing-charities",
                           "drones",
                           "guantanamo",
                           "facial-recognition",
                           "lawful-access",
                           "free-expression"}) {
    const auto* t = g.topic(slug);
    REQUIRE(t != nullptr);
    CHECK_FALSE(t->label_en.empty());
    CHECK_FALSE(t->label_fr.empty());
    bool en = false, fr = false;
    for (const auto& p : t->phrases) {
      en |= p.lang == "en" || p.lang == "any";
      fr |= p.lang == "fr" || p.lang == "any";
    }
    CHECK(en);
    CHECK(fr);
  }
}

TEST_CASE("Prime Ministers since 2001 and the security portfolios' holders") {
  const Gazetteers& g = real();
  auto holder = [&](const char* portfolio, const char* date) {
    const auto* m = g.holder(portfolio, date);
    return m ? m->name : std::string("nobody");
  };
  CHECK(holder("prime-minister", "2001-06-01") == "Jean Chrétien");
  CHECK(holder("prime-minister", "2005-02-28") == "Paul Martin");
  CHECK(holder("prime-minister", "2012-07-09") == "Stephen Harper");
  CHECK(holder("prime-minister", "2018-08-08") == "Justin Trudeau");
  CHECK(holder("prime-minister", "2025-06-17") == "Mark Carney");
  // The day a successor is sworn in belongs to the successor.
  CHECK(holder("prime-minister", "2015-11-04") == "Justin Trudeau");
  CHECK(holder("prime-minister", "2015-11-03") == "Stephen Harper");
  CHECK(holder("solicitor-general", "2002-01-01") == "Lawrence MacAulay");
  CHECK(holder("public-safety", "2004-06-01") == "Anne McLellan");
  CHECK(holder("public-safety", "2007-03-12") == "Stockwell Day");
  CHECK(holder("public-safety", "2010-05-17") == "Vic Toews");
  CHECK(holder("public-safety", "2018-06-26") == "Ralph Goodale");
  CHECK(holder("public-safety", "2020-01-01") == "Bill Blair");
  CHECK(holder("public-safety", "2025-06-17") == "Gary Anandasangaree");
  CHECK(holder("justice", "2018-06-26") == "Jody Wilson-Raybould");
  CHECK(holder("justice", "2019-01-16") == "David Lametti");
  CHECK(holder("immigration", "2018-06-26") == "Ahmed Hussen");
  CHECK(holder("immigration", "2012-01-01") == "Jason Kenney");
  CHECK(holder("foreign-affairs", "2009-04-14") == "Lawrence Cannon");
  CHECK(holder("national-defence", "2017-06-21") == "Harjit Sajjan");
  CHECK(holder("border-security", "2018-08-08") == "Bill Blair");
  CHECK(holder("border-security", "2018-07-01") == "nobody");
  CHECK(holder("border-security", "2020-01-01") == "nobody");
  CHECK(holder("public-safety", "not a date") == "nobody");
  CHECK(holder("no-such-portfolio", "2018-08-08") == "nobody");
}

TEST_CASE("holders of one portfolio never overlap in time") {
  const Gazetteers& g = real();
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> spans;
  std::map<std::string, std::vector<std::string>> who;
  for (const auto& m : g.ministers()) {
    CHECK_FALSE(m.tenures.empty());
    for (const auto& t : m.tenures) {
      CHECK(g.portfolio(t.portfolio) != nullptr);
      CHECK((t.end.empty() || t.start < t.end));
      spans[t.portfolio].push_back({t.start, t.end});
    }
  }
  for (auto& [portfolio, list] : spans) {
    std::sort(list.begin(), list.end());
    int open_ended = 0;
    for (std::size_t i = 0; i < list.size(); ++i) {
      open_ended += list[i].second.empty();
      if (i + 1 < list.size()) {
        INFO(portfolio << ": " << list[i].first << "–" << list[i].second << " then "
                       << list[i + 1].first);
        CHECK_FALSE(list[i].second.empty());
        CHECK(list[i].second <= list[i + 1].first);
      }
    }
    CHECK(open_ended <= 1);
  }
  // Every day since 2001 has a Prime Minister and a minister for public safety
  // (the Solicitor General until December 2003).
  for (int year = 2001; year <= 2025; ++year)
    for (const char* md : {"-01-15", "-04-15", "-07-15", "-10-15"}) {
      std::string date = std::to_string(year) + md;
      INFO(date);
      CHECK(g.holder("prime-minister", date) != nullptr);
      CHECK((g.holder("public-safety", date) || g.holder("solicitor-general", date)));
      CHECK(g.holder("justice", date) != nullptr);
      CHECK(g.holder("immigration", date) != nullptr);
    }
}

TEST_CASE("ministers are found by any form of their name, and surnames by date") {
  const Gazetteers& g = real();
  REQUIRE(g.minister_by_name("Ralph Goodale") != nullptr);
  CHECK(g.minister_by_name("RALPH GOODALE")->name == "Ralph Goodale");
  CHECK(g.minister_by_name("Jody Wilson Raybould")->name == "Jody Wilson-Raybould");
  CHECK(g.minister_by_name("Jean Chretien")->name == "Jean Chrétien");
  CHECK(g.minister_by_name("Francois-Philippe Champagne")->name == "François-Philippe Champagne");
  CHECK(g.minister_by_name("William Blair")->name == "Bill Blair");
  CHECK(g.minister_by_name("Hassan Diab") == nullptr);
  auto diab = g.ministers_by_surname("Diab");
  REQUIRE(diab.size() == 1);
  CHECK(diab[0]->name == "Lena Metlege Diab");
  CHECK(g.ministers_by_surname("Van Loan").at(0)->name == "Peter Van Loan");
  CHECK(g.ministers_by_surname("Nobody").empty());
  CHECK(g.minister_by_surname_on("Goodale", "2018-06-26")->name == "Ralph Goodale");
}

TEST_CASE("a surname two ministers share is settled by the date") {
  DataCopy data;
  data.append("ministers.tsv", "Pat Smith\t\tSmith\nJane Smith\t\tSmith\n");
  data.append("portfolios.tsv",
              "veterans\tMinister of Veterans Affairs\tministre des Anciens Combattants\t\n");
  data.append("tenures.tsv",
              "Pat Smith\tveterans\t2006-02-06\t2010-01-19\nJane Smith\tveterans\t2015-11-04\t\n");
  Gazetteers g = Gazetteers::load(data.dir());
  CHECK(g.ministers_by_surname("Smith").size() == 2);
  CHECK(g.minister_by_surname_on("Smith", "2008-01-01")->name == "Pat Smith");
  CHECK(g.minister_by_surname_on("Smith", "2018-01-01")->name == "Jane Smith");
  // Nobody in office: the nearest tenure.
  CHECK(g.minister_by_surname_on("Smith", "2011-01-01")->name == "Pat Smith");
  CHECK(g.minister_by_surname_on("Smith", "2015-01-01")->name == "Jane Smith");
  CHECK(g.minister_by_surname_on("Smith", "") == nullptr);
  CHECK(g.holder("veterans", "2009-09-09")->name == "Pat Smith");
}

TEST_CASE("portfolios by any title, in English and French") {
  const Gazetteers& g = real();
  auto key = [&](const char* title) {
    const auto* p = g.portfolio_by_title(title);
    return p ? p->key : std::string("none");
  };
  CHECK(key("Minister of Public Safety and Emergency Preparedness") == "public-safety");
  CHECK(key("ministre de la Sécurité publique") == "public-safety");
  CHECK(key("Minister of Citizenship and Immigration") == "immigration");
  CHECK(key("ministre de l’Immigration, des Réfugiés et de la Citoyenneté") == "immigration");
  CHECK(key("Minister of Justice and Attorney General of Canada") == "justice");
  CHECK(key("premier ministre du Canada") == "prime-minister");
  CHECK(key("Minister of Border Security and Organized Crime Reduction") == "border-security");
  CHECK(key("Minister of Magic") == "none");
  for (const auto& p : g.portfolios()) {
    CHECK_FALSE(p.title_en.empty());
    CHECK_FALSE(p.title_fr.empty());
  }
}

TEST_CASE("organisations by name, acronym, French name and other spellings") {
  const Gazetteers& g = real();
  auto canon = [&](const char* form) {
    const auto* o = g.organisation_by_alias(form);
    return o ? o->name : std::string("unknown");
  };
  const std::string iclmg = "International Civil Liberties Monitoring Group";
  CHECK(canon("ICLMG") == iclmg);
  CHECK(canon("CSILC") == iclmg);
  CHECK(canon("Coalition pour la surveillance internationale des libertés civiles") == iclmg);
  CHECK(canon("coalition pour la surveillance internationale des libertes civiles") == iclmg);
  CHECK(canon("Amnesty International Canada (English branch)") == "Amnesty International Canada");
  CHECK(canon("Amnistie internationale Canada francophone") ==
        "Amnistie internationale Canada francophone");
  CHECK(canon("Conseil canadien pour les réfugiés") == "Canadian Council for Refugees");
  CHECK(canon("CCR") == "Canadian Council for Refugees");
  CHECK(canon("B.C. Civil Liberties Association") ==
        "British Columbia Civil Liberties Association");
  CHECK(canon("BCCLA") == "British Columbia Civil Liberties Association");
  CHECK(canon("Refugee Lawyers’ Association of Ontario") ==
        "Refugee Lawyers Association of Ontario");
  CHECK(canon("AQAADI") ==
        "Association québécoise des avocats et avocates en droit de l'immigration");
  CHECK(canon("NCCM") == "National Council of Canadian Muslims");
  CHECK(canon("Acme Widgets") == "unknown");
}

TEST_CASE("every organisation of the sample corpus resolves to its canonical name") {
  fs::path orgs = fs::path(DOSSIER_SOURCE_DIR) / "corpus" / "orgs.tsv";
  if (!fs::exists(orgs)) {
    WARN("corpus/orgs.tsv not there yet; nothing to check");
    return;
  }
  const Gazetteers& g = real();
  std::ifstream in(orgs);
  std::string line;
  int checked = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::string canonical = line.substr(0, line.find('\t'));
    std::string aliases =
        line.find('\t') == std::string::npos ? "" : line.substr(line.find('\t') + 1);
    if (canonical == "canonical" || canonical == "name") continue;  // header
    INFO(canonical);
    const auto* o = g.organisation_by_alias(canonical);
    REQUIRE(o != nullptr);
    CHECK(o->name == canonical);
    std::stringstream ss(aliases);
    std::string alias;
    while (std::getline(ss, alias, '|')) {
      while (!alias.empty() && alias.front() == ' ') alias.erase(0, 1);
      while (!alias.empty() && alias.back() == ' ') alias.pop_back();
      if (alias.empty()) continue;
      INFO("alias " << alias);
      const auto* a = g.organisation_by_alias(alias);
      REQUIRE(a != nullptr);
      CHECK(a->name == canonical);
    }
    ++checked;
  }
  CHECK(checked > 0);
}

TEST_CASE("topics and document types by label and query word") {
  const Gazetteers& g = real();
  CHECK(g.topic_by_label("Certificats de sécurité")->slug == "security-certificates");
  CHECK(g.topic_by_label("security certificates")->slug == "security-certificates");
  CHECK(g.topic_by_label("SCRS")->slug == "csis");
  CHECK(g.doc_type_by_word("letters")->slug == "letter");
  CHECK(g.doc_type_by_word("lettres")->slug == "letter");
  CHECK(g.doc_type_by_word("communiqués")->slug == "press-release");
  CHECK(g.doc_type_by_word("press releases")->slug == "press-release");
  CHECK(g.doc_type_by_word("statements")->slug == "statement");
  CHECK(g.doc_type_by_word("mémoires")->slug == "brief");
  CHECK(g.doc_type_by_word("bananas") == nullptr);
}

TEST_CASE("lookup keys fold case, accents, periods and punctuation") {
  CHECK(lookup_key("Sécurité  Publique") == "securite publique");
  CHECK(lookup_key("B.C. Civil-Liberties") == "bc civil liberties");
  CHECK(lookup_key("Rights & Democracy") == "rights and democracy");
  CHECK(lookup_key("l’Immigration") == "l immigration");
  CHECK(lookup_key("« Amnistie »") == "amnistie");
}

TEST_CASE("default_dir honours DOSSIER_DATA") {
  ::setenv("DOSSIER_DATA", "/tmp/somewhere-else", 1);
  CHECK(Gazetteers::default_dir() == fs::path("/tmp/somewhere-else"));
  ::unsetenv("DOSSIER_DATA");
  CHECK(Gazetteers::default_dir() == fs::path(DOSSIER_DEFAULT_DATA_DIR));
  CHECK(fs::exists(Gazetteers::default_dir() / "ministers.tsv"));
}

TEST_CASE("bad data fails with file:line and a reason") {
  SECTION("a missing file") {
    DataCopy data;
    fs::remove(data.dir() / "topics.tsv");
    std::string err = load_error(data.dir());
    CHECK(err.find("topics.tsv:0: cannot open file") != std::string::npos);
  }
  SECTION("a wrong header") {
    DataCopy data;
    data.write("organisations.tsv", "# comment\nname\tacronyms\n");
    CHECK(
        ends_with(load_error(data.dir()),
                  "organisations.tsv:2: header must be the tab-separated columns: name, aliases"));
  }
  SECTION("too many cells") {
    DataCopy data;
    std::size_t n = data.lines("organisations.tsv") + 1;
    data.append("organisations.tsv", "Some Group\tSG\textra\n");
    CHECK(load_error(data.dir())
              .find("organisations.tsv:" + std::to_string(n) + ": expected at most 2") !=
          std::string::npos);
  }
  SECTION("an alias claimed by two organisations") {
    DataCopy data;
    std::size_t n = data.lines("organisations.tsv") + 1;
    data.append("organisations.tsv", "Iclmg Impostors\tICLMG\n");
    std::string err = load_error(data.dir());
    CHECK(err.find("organisations.tsv:" + std::to_string(n) + ": name 'ICLMG' is already used") !=
          std::string::npos);
  }
  SECTION("a tenure of an unknown minister") {
    DataCopy data;
    std::size_t n = data.lines("tenures.tsv") + 1;
    data.append("tenures.tsv", "Ralph Goodail\tpublic-safety\t2030-01-01\t\n");
    CHECK(load_error(data.dir())
              .find("tenures.tsv:" + std::to_string(n) + ": unknown minister 'Ralph Goodail'") !=
          std::string::npos);
  }
  SECTION("an impossible date") {
    DataCopy data;
    std::size_t n = data.lines("tenures.tsv") + 1;
    data.append("tenures.tsv", "Ralph Goodale\tjustice\t2030-02-30\t\n");
    CHECK(load_error(data.dir())
              .find("tenures.tsv:" + std::to_string(n) +
                    ": start '2030-02-30' is not a YYYY-MM-DD date") != std::string::npos);
  }
  SECTION("an end before the start") {
    DataCopy data;
    std::size_t n = data.lines("tenures.tsv") + 1;
    data.append("tenures.tsv", "Ralph Goodale\tjustice\t2031-01-01\t2030-01-01\n");
    CHECK(load_error(data.dir())
              .find("tenures.tsv:" + std::to_string(n) + ": end is not after start") !=
          std::string::npos);
  }
  SECTION("two holders of a portfolio at once") {
    DataCopy data;
    std::size_t n = data.lines("tenures.tsv") + 1;
    data.append("tenures.tsv", "Ralph Goodale\tjustice\t2017-01-01\t2017-06-01\n");
    std::string err = load_error(data.dir());
    CHECK(err.find("tenures.tsv:" + std::to_string(n) +
                   ": justice tenure overlaps that of Jody Wilson-Raybould") != std::string::npos);
  }
  SECTION("a minister without any tenure") {
    DataCopy data;
    std::size_t n = data.lines("ministers.tsv") + 1;
    data.append("ministers.tsv", "Idle Person\t\t\n");
    CHECK(load_error(data.dir())
              .find("ministers.tsv:" + std::to_string(n) +
                    ": minister 'Idle Person' has no tenure") != std::string::npos);
  }
  SECTION("a topic phrase with a bad weight or language") {
    DataCopy data;
    std::size_t n = data.lines("topic_phrases.tsv") + 1;
    data.append("topic_phrases.tsv", "torture\ten\theavy\tpain\n");
    CHECK(load_error(data.dir())
              .find("topic_phrases.tsv:" + std::to_string(n) + ": weight must be a number") !=
          std::string::npos);
    DataCopy data2;
    data2.append("topic_phrases.tsv", "torture\tde\t1\tFolter\n");
    CHECK(load_error(data2.dir()).find("lang must be en, fr or any") != std::string::npos);
  }
  SECTION("a cue for an unknown type") {
    DataCopy data;
    std::size_t n = data.lines("doc_type_cues.tsv") + 1;
    data.append("doc_type_cues.tsv", "memo\ttitle\t1\tmemo\n");
    CHECK(load_error(data.dir())
              .find("doc_type_cues.tsv:" + std::to_string(n) + ": unknown document type 'memo'") !=
          std::string::npos);
  }
  SECTION("invalid UTF-8") {
    DataCopy data;
    std::size_t n = data.lines("organisations.tsv") + 1;
    data.append("organisations.tsv", "Caf\xE9 Group\t\n");
    CHECK(
        load_error(data.dir()).find("organisations.tsv:" + std::to_string(n) + ": invalid UTF-8") !=
        std::string::npos);
  }
  SECTION("the error is a runtime_error naming file and line") {
    DataCopy data;
    data.append("portfolios.tsv", "Bad Key\tMinister of X\tministre de X\t\n");
    try {
      Gazetteers::load(data.dir());
      FAIL("no error");
    } catch (const std::runtime_error& e) {
      const auto* ge = dynamic_cast<const GazetteerError*>(&e);
      REQUIRE(ge != nullptr);
      CHECK(ends_with(ge->file(), "portfolios.tsv"));
      CHECK(ge->line() > 0);
    }
  }
}

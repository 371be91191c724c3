// annotate_test.cpp — the annotate stage on real inputs: the seed page's three
// letters (shared/seed, verbatim below) pinned exactly, then one test per rule
// of the date, type, minister, organisation, topic and language annotators.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "indexer/annotate/annotate.h"
#include "schema/gazetteer.h"

namespace seed {

// The seed page's posts as it shows them: each post's title, then its text,
// paragraphs separated by blank lines; then the page's footer.
inline constexpr const char* kSeedBorderSecurityLetter =
    R"SEED(Letter to Prime Minister Trudeau: Questions and Concerns about new Minister of Border Security and Organized Crime Reduction

9 August 2018 — In a letter to Prime Minister Trudeau, organizations from across Canada have laid out concerns and questions regarding the appointment of a new and unprecedented Minister of Border Security and Organized Crime Reduction.

The key concerns outlined in the letter include:

  • Creating a Minister of Border Security fuels an unfounded sense of crisis, going against the government’s stated position that Canada faces challenges, but not a crisis, with increased numbers of refugee claimants.
  • Conflating border security and organized crime is a toxic combination, with the potential to deepen public fears and misunderstandings of irregular migration and border security. In diffusing public concerns, the government should clarify the fact that refugees are often forced to cross borders using irregular channels, a fact recognized in international and in Canadian law.
  • A third Ministry adds further confusion regarding roles and responsibilities, particularly when aligned with the roles and responsibilities of the Ministry of Public Safety (especially the Canada Border Services Agency) and the Ministry of Immigrant, Refugees and Citizenship.

The organizations urge the Prime Minister to provide greater clarity and rationale on the need and role of the Minister of Border Security and Organized Crime Reduction without delay.

The full letter is below, or click here for the PDF.


The Right Honourable Justin Trudeau
Prime Minister of Canada
80 Wellington Street
Ottawa, Ontario K1A 0A2
August 8, 2018

Dear Prime Minister,

We are writing to you, as organizations with demonstrated experience and expertise with respect to law, policy and practice regarding refugee protection in Canada, extending back several decades, to share our concerns and pose a number of questions regarding your decision last month to establish a new and unprecedented Minister of Border Security and Organized Crime Reduction.

We have preoccupations about this unanticipated development for a number of reasons, including the risk that it fuels unfounded alarm among Canadians of there being a crisis related to refugee claimants crossing the US/Canada border; the negative impact of conflating migration and crime in the name of the new Ministry; and the uncertainty about the new Minister’s powers and the associated risk that there will be inevitable confusion in the division of responsibilities with two existing Ministries, namely the Minister of Public Safety and the Minister of Immigration, Refugees and Citizenship.

We consider these to be urgent concerns currently, given the heightened politicization and misconceptions in the country with respect to the numbers and circumstances of refugee claimants crossing into Canada from the United States. We therefore urge you to move quickly to provide much greater clarity and rationale as to the need for and role of the Minister of Border Security and Organized Crime Reduction. We would welcome an opportunity to meet with you or your officials to discuss this further. We are making a request to meet with Minister Blair for that same reason.

Allow us to expand briefly on our concerns.

  • Creating a Minister of Border Security fuels an unfounded sense of crisis

You are of course aware that there has been considerable debate about the increased numbers of refugee claimants who have crossed irregularly into Canada since Donald Trump assumed the presidency in the United States. The increase in fact predates the election of President Trump, and in part reflects a return to numbers more usual for Canada, after particularly low refugee claimant numbers from 2013 to 2015. However, the increase also reflects understandable fear that with a rapid deterioration in respect for the rights of refugees and migrants in the country, the United States is not a safe country in which to seek refugee protection. Because of the Safe Third Country Agreement between our countries, outside of a limited number of exceptions, the only way for individuals to be able to access refugee determination in Canada is to cross irregularly, instead of at an official border post.

This context has provoked media coverage and political debate focusing on “illegal” border crossers, “illegal migrants”, queue jumpers, “security threats” and other pejorative, inflammatory and inaccurate terms. There have also been exaggerated suggestions that the numbers of refugee claimants crossing the border have reached crisis proportions.

Our organizations have sought to diminish the hysteria, bigotry and errors at the heart of much of this discourse. One concrete means of doing so has been our call that Canada suspend the STCA at this time, so that refugee claimants will be able to make their claims in a safe, orderly and regular fashion at border posts. Regrettably, your government has refused to take that step, and that matter is now instead the subject of a Federal Court challenge. At the same time, we have appreciated the many ways that you and other members of your government have sought to diffuse the “crisis” language. Some of us heard Ministers Goodale and Hussen repeatedly reject the assertion that this is a crisis in their appearances before the House of Commons Standing Committee on Citizenship and Immigration on July 24th. In fact Minister Blair, also appearing before the Committee, similarly discouraged the view that this is a crisis.

Prime Minister, if the government’s position is that there is no crisis but rather challenges which the Ministries and agencies in place are seized with responding to, you can surely appreciate why this decision to suddenly appoint a new Minister of Border Security, and the specific indication that he “will be the minister responsible for irregular migration” sends a completely contrary signal. We seek clarification as to the government’s intentions and look to you to provide greater public assurance on an ongoing basis that this development does not in any way mean that Canada faces a border crisis.

  • Conflating border security and organized crime is a toxic combination

Our concern that this development stands to deepen public fears, misunderstandings and stereotypes about irregular migration and border security are all the greater given the nature of the responsibilities that have been entrusted to Minister Blair: border security, reducing gun violence, tackling organized crime, legalization and strict regulation of cannabis and irregular migration. In Canada and around the world refugee claimants, refugees and migrants are consistently tarred with bigoted and hateful slurs associating them with criminality and security threats. It erodes support for refugee protection and puts refugee claimants, refugees and migrants at risk of racist attacks. The resulting xenophobia goes so far as to frequently present seeking refuge and crossing borders as criminal acts (reflected in the recent assertions of many politicians, journalists and public figures in Canada that it is illegal to cross the border from the US in order to seek refugee status).

As you are well aware, refugees frequently are forced to cross borders using irregular channels in their search for safety. This fact is reflected in the Refugee Convention and in Canada’s Immigration and Refugee Protection Act, which both exempt refugees from penalties for irregular entry.

Prime Minister, to have created a new Ministry that combines border security/irregular migration responsibilities with a range of other responsibilities related to crime reduction and criminal law enforcement, inescapably risks feeding the very dangerous narrative that people who are fleeing for their lives are breaking the law and even threatening our security.

The move undermines the positive message you sent by including “refugees” in the name of the Immigration Minister’s portfolio and the name of the department — now Immigration, Refugees and Citizenship Canada — a move that we warmly welcomed. We urge you to clarify the reasons for combining these disparate mandates and to endeavour to assure the public that the government does not in any way consider irregular migration in and of itself to be a criminal matter or a security threat.

  • A third Ministry adds further confusion regarding roles and responsibilities

From our experience we can assure you, Prime Minister, that there is already ample uncertainty and overlap with respect to the roles and responsibilities of the Ministry of Public Safety (especially the Canada Border Services Agency) and the Ministry of Immigration, Refugees and Citizenship, particularly when it comes to questions related to enforcement of the Immigration and Refugee Protection Act. Adding a third Ministry into that mix with an unspecified “border security” mandate will almost certainly add to the confusion.

This was apparent when Minister Blair appeared before the Committee on July 24th and was asked about his powers and responsibilities, including to what extent key agencies such as the CBSA and RCMP would report to him. His answer was that they would not. However he was not able to provide any illumination as to his powers and what his particular relationship would be with the other relevant Ministries and agencies.

Prime Minister, this is not just a matter of mere policy interest from a public administration perspective. Important human rights obligations, protected under both international law and the Charter of Rights, are at stake when questions around irregular migration and border security arise. There is a need for precision with respect to powers and accountability. We urge you to move rapidly to provide that precision.

We are, as noted, urgently concerned about the potential for this development, with a lack of rationale and uncertainty as to responsibilities and powers, to have a detrimental impact on refugee protection in Canada, including public attitudes about refugees. It also has a detrimental impact on refugees already in Canada, many of whom are feeling shaken and retraumatized by messaging suggesting that they are not welcome here. We call on you to provide specificity and offer assurances without delay.

We would welcome a meeting with you, Minister Blair and officials as early as possible to discuss this further.


Alex Neve, Secretary General
Amnesty International Canada (English branch)

Geneviève Paul, Directrice Générale
Amnistie internationale Canada francophone

Claire Roque, President
Canadian Council for Refugees

Peter Noteboom, General Secretary
Canadian Council of Churches

Guillaume Cliche-Rivard, président
Association québécoise des avocats et avocates en droit de l’immigration (AQAADI)

Tim McSorley
National Coordinator, International Civil Liberties Monitoring Group

Debbie Douglas, Executive Director
Ontario Council of Agencies Serving Immigrants (OCASI)

Refugee Lawyers Association of Ontario (RLA)

Lida Aghasi, Coprésidente
Table de concertation des organismes au service des personnes réfugiées et immigrantes (TCRI)

)SEED";

inline constexpr const char* kSeedDiabLetter =
    R"SEED(External Review Into Case of Hassan Diab Falls Far Short

The International Civil Liberties Monitoring Group has sent an open letter to Prime Minister Justin Trudeau expressing its concern and disappointment that the government has initiated an “external review” into the extradition and imprisonment in France, without charge, of Dr. Hassan Diab, a Canadian citizen.

Instead, what is needed is an independent, public inquiry into Dr. Diab’s extradition and the failings of Canada’s extradition laws. This has been the request of Dr. Diab and his supporters from the beginning, and has been echoed by pre-eminent legal experts, parliamentarians of all political backgrounds, and by human rights and civil liberties organizations.

The ICLMG joined these calls for a public inquiry in a letter sent to the Prime Minister on May 7th, 2018.

Read the full-text of the letter below (or download the PDF here).


  • Join the call for a public inquiry by singing the parliamentary e-petition online here.
  • Part of an organization? Ask them to send a letter of support for a public, independent inquiry to Prime Minister Trudeau at
  • For more information and to get involved, visit


August 1, 2018

The Right Honourable Justin Trudeau
Prime Minister
House of Commons
Ottawa, ON K1A 0G2

Dear Prime Minister Trudeau,

I am writing you on behalf of the International Civil Liberties Monitoring Group in follow-up to our letter of May 7, 2018, calling on your government to initiate a public, independent inquiry into the case of Dr. Hassan Diab and overarching concerns with the failings of Canada’s extradition laws.

We were dismayed to learn that your government has decided to pursue the course of an external review, rather than a full, public inquiry.

While we do not doubt the integrity of the appointed reviewer, Murray Segal, it is clear to us that the terms of reference for the review do not include the powers or scope necessary to investigate and address the complex and deep-rooted issues at play in Dr. Diab’s case.

We would urge you to instead proceed with a public, independent inquiry. Such a decision would not only resolve many of the problems of power and scope, but would also send a clear message to Dr. Diab, his family and the public that your government is committed to ensuring that an ordeal like Dr. Diab’s is never allowed to re-occur.

Anything less will fall short of the clear need for answers, repercussions and reforms in the wake of Dr. Diab’s decade-long ordeal.

Our concerns with the current review process include:

  • The review will not cover France’s actions in the lead up to Dr. Diab’s committal for extradition. France’s actions before and during Dr. Diab’s extradition hearings are of grave concern. It will be impossible to fully understand, rectify and prevent future occurrences if these actions are omitted from investigation.
  • The review does not include an examination of the shortcomings in Canada’s Extradition Act. This step is fundamental to ensuring justice and a fair process in the future and to prevent similar injustices being perpetrated against other Canadians.
  • The reviewer’s access to documents and evidence in Canada’s possession is subject to undue limitations, including constraints from vague “international relations obligations.” We are concerned this could mean obtaining permission from France for the release of certain documents, a clear conflict. The vagueness also raises concerns, more generally, over which documents and information will be available to the reviewer.
  • The review process lacks the opportunity to cross-examine witnesses under oath, hindering the reviewer’s work.
  • The terms of reference do not require the result of the review to be made public. It is of utmost importance that the full findings of this inquiry be made public in order to identify urgent changes needed to Canada’s extradition law, and steps needed to implement them. A public accounting is also vital to ensuring that justice is achieved for Dr. Diab.

Finally, we wish to express our support for Dr. Diab’s principled decision to boycott the current review. We agree with his assessment that the current external review amounts to damage control, and will not be able to fully address the root causes of Dr. Diab’s case.

While what Dr. Diab has faced over the past decade cannot be undone, he and the public deserve full answers as to how it was allowed to occur, and action to ensure that it cannot occur again. Only a public inquiry will be able to achieve this. We request that you act accordingly, and without delay.


Tim McSorley
National Coordinator
International Civil Liberties Monitoring Group

)SEED";

inline constexpr const char* kSeedHarkatLetter =
    R"SEED(Letter to PM Trudeau and Minister Goodale: Stop the deportation to torture of Mohamed Harkat

Today is the International Day in Support of Victims of Torture. We have sent this letter to Prime Minister Trudeau and the Ministers of Public Safety, Justice and Immigration to urge them to stop the deportation to torture of Mohamed Harkat. 

Take action!

Join us by sending your own letter – feel free to use ours as a template – to prevent the addition of Moe’s name to the long list of victims of torture. Here are their email addresses:,,,, Thank you!

Ottawa, June 26, 2018

The Right Honourable Justin Trudeau
Prime Minister of Canada
Office of the Prime Minister and Privy Council
80 Wellington St, Ottawa, Ontario
K1A 0A2

The Honourable Ralph Goodale
Minister of Public Safety and Emergency Preparedness
House of Commons
Ottawa, Ontario
K1A 0A6

Stop the deportation to torture of Mohamed Harkat

Dear Prime Minister Trudeau and Minister Goodale,

I am writing you in my capacity as the National Coordinator of the International Civil Liberties Monitoring Group. The ICLMG is the only national coalition of Canadian civil society organizations that has the mandate to defend civil liberties and human rights from the negative impact of the fight against terrorism in Canada. The coalition, founded in 2002, brings together 45 national NGOs, unions, professional associations, faith groups, environmental organizations, human rights and civil liberties advocates, as well as groups representing immigrant and refugee communities in Canada.

Today, June 26th, marks the International Day in Support of Victims of Torture. We write to you to ensure that your actions, or rather inaction, will not lead to the addition of  Mohamed Harkat’s name to the long list of victims of torture.

Mohamed Harkat, a United Nations Convention refugee who has lived in Canada for 22 years, faces deportation to Algeria under a security certificate.

Today, his fate lies with you. He could be deported to torture and face a likely death, or he could be granted the status to continue to live a peaceful life in Ottawa with his wife Sophie Lamarche Harkat, and his family and friends. For them, he is simply “Moe”, a loving and soft-spoken man who is always ready to help those around him. They have been living in constant fear since deportation proceedings began three years ago.

The ICLMG has closely followed the case of Mohamed Harkat since it came to the public eye in 2002. Under the very problematic regime of security certificates, Mr. Harkat was imprisoned in maximum security for 43 months, spent years under house arrest, and was imposed some of the most severe bail conditions in Canadian history. And that is without ever having been charged with, let alone convicted of a crime. The original “evidence” against Mr Harkat was destroyed and the allegations are based on the testimony of an informant who failed a lie detector test and was never cross-examined in court.

We have also followed the four other cases of security certificates and we continue to denounce the secrecy surrounding them, the lack of due process, the indefinite detention of the suspects, the violation of the solicitor-client privilege, and the continuous abuse of human rights involved at all levels.

In 2008, we testified at the Senate Special Committee on Anti-Terrorism regarding the security certificate regime. Our position was and still is that “the only way to meet the requirements guaranteed by the Charter and International covenants, and in accordance with the principles of fundamental justice, is through prosecutions under the Criminal code.”

Today, as we have done for the last 15 years, we keep denouncing the highly problematic use of intelligence in these cases and the lack of access to the “evidence” against the suspects, which makes it impossible for them to mount a defense.

On October 26, 2017, Prime Minister Trudeau clearly stated: “I hope people remember to demand of governments, this one and all future governments, that nobody ever has their fundamental rights violated either through inaction or deliberate action by Canadian governments. Nobody ever deserves to be tortured. And when a Canadian government is either complicit in that or was not active enough in preventing it, there needs to be responsibility taken.”

We are thus reminding you today to enforce Canada’s international obligations under the UN Convention against Torture, uphold Mohamed Harkat’s rights, and stop his deportation order to torture right now. We don’t want one of Prime Minister Trudeau’s successors to have to apologize and pay millions of Canadian taxpayers’ dollars for this ongoing human rights abuse years from now.

Furthermore, under an opening in the law governing security certificates, section 42.1 of the Immigration and Refugee Protection Act, Minister Goodale has the power to decide that allowing Mr. Harkat to stay in Canada is not contrary to the national interest. The courts have consistently relaxed Mr. Harkat’s bail conditions over the years, and CSIS has not even bothered to file a risk assessment in his last bail hearing in the fall of 2017. As his work colleagues and thousands of supporters have asserted, and as court assessments and psychiatrists have attested to, letting Mr. Harkat stay would not be contrary to Canadians’ interest. Moreover, not deporting a man to torture and likely death is clearly in Canada’s national interest.

Consequently, we urge Minister Goodale to use this unique position and the discretion afforded under the law to exempt Mohamed Harkat from deportation, end 16 years of psychological torture and harassment by CBSA agents that has had a huge documented toll on Mr. Harkat’s health — including chronically low appetite and concentration, recurrent nightmares, chronic depression, anxiety and post-traumatic stress disorder — as well as on Mrs. Harkat’s health, and let him stay and live with his wife and community in Canada.

Such a decision to end these deportation to torture proceedings would be wholly consistent with England’s Special Immigration Appeals Commission, which settled this issue in 2016 when it ordered Theresa May to stop deporting Algerian nationals at risk of torture, as well as with the Irish Supreme Court, which last July blocked a deportation to Algeria because of the real risk of torture.

If you would like more information in order to make this decision, we urge you to meet with Mohamed and Sophie Harkat, Alex Neve, Secretary General of Amnesty International Canada and/or myself. We can arrange such a meeting at your earliest convenience.

We would appreciate a response to our letter as soon as possible.

Thank you,

Tim McSorley
National Coordinator
International Civil Liberties Monitoring Group

Cc: The Honourable Ahmed Hussen, Minister of Immigration, Refugees and Citizenship
The Honourable Jody Wilson-Raybould, Minister of Justice and Attorney General of Canada

PDF of the letter

)SEED";

inline constexpr const char* kSeedPageFooter = R"SEED(Since you’re here…

… we have a small favour to ask. Here at ICLMG, we are working very hard to protect and promote human rights and civil liberties in the context of the so-called “war on terror” in Canada. We do not receive any financial support from any federal, provincial or municipal governments or political parties.

You can become our patron on Patreon and get rewards in exchange for your support. You can give as little as $1/month (that’s only $12/year!) and you can unsubscribe at any time. Any donations will go a long way to support our work.panel-54141172-image-6fa93d06d6081076-320-320You can also make a one-time donation or donate monthly via Paypal by clicking on the button below. On the fence about giving? Check out our Achievements and Gains since we were created in 2002. Thank you for your generosity!

Page 4 of 55« First...23456...102030...Last »)SEED";

}  // namespace seed

namespace {

using dossier::indexer::Annotation;
using dossier::indexer::Annotator;
using dossier::indexer::ExtractedPost;
using V = std::vector<std::string>;

const dossier::schema::Gazetteers& gazetteers() {
  static const auto g = dossier::schema::Gazetteers::load(
      std::filesystem::path(DOSSIER_SOURCE_DIR) / "schema" / "data");
  return g;
}

const Annotator& annotator() {
  static const Annotator a(gazetteers());
  return a;
}

// A post from text as a page shows it: the first paragraph is the title, the
// others are separated by blank lines (lines inside a paragraph stay, as the
// lines of an address block do).
ExtractedPost post_from_text(std::string_view text, std::optional<std::string> published = {},
                             std::string html_lang = "en") {
  ExtractedPost post;
  post.published = std::move(published);
  post.html_lang = std::move(html_lang);
  std::vector<std::string> paragraphs;
  std::string current;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos);
    bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
    if (blank) {
      if (!current.empty()) paragraphs.push_back(current);
      current.clear();
    } else {
      if (!current.empty()) current += '\n';
      current += line;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  if (!current.empty()) paragraphs.push_back(current);
  if (!paragraphs.empty()) {
    post.title = paragraphs.front();
    post.paragraphs.assign(paragraphs.begin() + 1, paragraphs.end());
  }
  return post;
}

Annotation annotate(std::string_view text, std::optional<std::string> published = {},
                    std::string html_lang = "en") {
  return annotator().annotate(post_from_text(text, std::move(published), std::move(html_lang)));
}

std::set<std::string> as_set(const V& v) { return {v.begin(), v.end()}; }
bool has(const V& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

const std::string kIclmg = "International Civil Liberties Monitoring Group";

}  // namespace

// ---------------------------------------------------------------------------
// The seed's three letters, pinned.

TEST_CASE("seed: the letter about Mohamed Harkat") {
  Annotation a = annotate(seed::kSeedHarkatLetter);
  CHECK(a.type == "letter");
  CHECK(a.date == "2018-06-26");
  CHECK(a.lang == "en");
  CHECK(as_set(a.ministers) == std::set<std::string>{"Justin Trudeau", "Ralph Goodale",
                                                     "Ahmed Hussen", "Jody Wilson-Raybould"});
  CHECK(a.orgs == V{kIclmg});
  CHECK(has(a.topics, "security-certificates"));
  CHECK(has(a.topics, "torture"));
  CHECK(as_set(a.topics) ==
        std::set<std::string>{"security-certificates", "torture", "refugees-immigration"});
}

TEST_CASE("seed: the joint letter of August 8, 2018 on the Minister of Border Security") {
  // The page says "9 August 2018" by the title; the letter's own date wins.
  Annotation a = annotate(seed::kSeedBorderSecurityLetter, "2018-08-09");
  CHECK(a.type == "letter");
  CHECK(a.date == "2018-08-08");
  CHECK(a.lang == "en");
  CHECK(as_set(a.ministers) ==
        std::set<std::string>{"Justin Trudeau", "Bill Blair", "Ralph Goodale", "Ahmed Hussen"});
  CHECK(a.orgs == V{"Amnesty International Canada", "Amnistie internationale Canada francophone",
                    "Canadian Council for Refugees", "Canadian Council of Churches",
                    "Association québécoise des avocats et avocates en droit de l'immigration",
                    kIclmg, "Ontario Council of Agencies Serving Immigrants",
                    "Refugee Lawyers Association of Ontario",
                    "Table de concertation des organismes au service des personnes réfugiées et "
                    "immigrantes"});
  CHECK(as_set(a.topics) == std::set<std::string>{"border-security", "refugees-immigration"});
  // Without the page's date the letter still dates itself.
  CHECK(annotate(seed::kSeedBorderSecurityLetter).date == "2018-08-08");
}

TEST_CASE("seed: the letter on the external review of Hassan Diab's case") {
  Annotation a = annotate(seed::kSeedDiabLetter, "2018-08-02");
  CHECK(a.type == "letter");
  CHECK(a.date == "2018-08-01");  // not May 7, 2018, the earlier letter it mentions
  CHECK(a.lang == "en");
  CHECK(a.ministers == V{"Justin Trudeau"});  // "Dr. Diab" is no minister
  CHECK(a.orgs == V{kIclmg});
  CHECK(a.topics == V{"extradition"});
}

TEST_CASE("seed: the page's donation appeal after a letter changes nothing") {
  std::string page = std::string(seed::kSeedHarkatLetter) + seed::kSeedPageFooter;
  Annotation with_footer = annotate(page);
  Annotation without = annotate(seed::kSeedHarkatLetter);
  CHECK(with_footer.orgs == without.orgs);
  CHECK(with_footer.ministers == without.ministers);
  CHECK(with_footer.type == without.type);
  CHECK(with_footer.date == without.date);
}

// ---------------------------------------------------------------------------
// Date

TEST_CASE("date: a letter's own date line wins over the page's date") {
  CHECK(annotate("Letter\n\nMontréal, le 12 mars 2007\n\nMonsieur le Ministre,\n\nTexte.",
                 "2007-03-13", "fr")
            .date == "2007-03-12");
  CHECK(annotate("Letter\n\nToronto and Ottawa, May 17, 2010\n\nDear Minister,\n\nText.",
                 "2010-05-18")
            .date == "2010-05-17");
  CHECK(annotate("Brief\n\nInternational Civil Liberties Monitoring Group — October 24, 2017\n\n"
                 "Text of the brief.",
                 "2017-10-25")
            .date == "2017-10-24");
}

TEST_CASE("date: a press release's dateline, then the page's date, else none") {
  CHECK(annotate("Release\n\nFOR IMMEDIATE RELEASE\n\nOTTAWA, December 15, 2009 — The coalition "
                 "said today that the ruling matters.",
                 "2009-12-16")
            .date == "2009-12-15");
  CHECK(annotate("News\n\nWe wrote on May 7th, 2018 and again on July 24th.", "2018-08-01").date ==
        "2018-08-01");
  // A month alone ("Ottawa, May 2005") is not the document's date.
  CHECK(annotate("Brief\n\nOttawa, May 2005\n\nText.", "2005-05-30").date == "2005-05-30");
  CHECK_FALSE(annotate("Questions and answers\n\nSecurity certificates are documents.").date);
  // A date the extractor read from a sentence is what the post talks about.
  ExtractedPost principles = post_from_text(
      "Statement of principles\n\nThe coalition was founded after the attacks of September 11, "
      "2001, when Canada adopted exceptional anti-terrorism laws.");
  principles.published = "2001-09-11";
  principles.published_from = "text";
  CHECK_FALSE(annotator().annotate(principles).date);
  principles.published_from = "meta";
  CHECK(annotator().annotate(principles).date == "2001-09-11");
  // A UTC timestamp one day after the permalink's day: the site's day wins.
  ExtractedPost evening = post_from_text("Office closed\n\nOur office will be closed.");
  evening.url = "https://coalition.example/2005/05/01/our-office-will-be-closed/";
  evening.published = "2005-05-02T02:38:00+00:00";
  CHECK(annotator().annotate(evening).date == "2005-05-01");
  evening.published = "2005-05-03";  // two days off: not a time zone, keep the page's date
  CHECK(annotator().annotate(evening).date == "2005-05-03");
  // Broken metadata is not a date: an undated post stays undated, never 1970.
  CHECK_FALSE(annotate("Page\n\nSome text.", "1970-01-01").date);
  CHECK_FALSE(annotate("Page\n\nSome text.", "0000-00-00").date);
}

// ---------------------------------------------------------------------------
// Type

TEST_CASE("type: cues in the title, the lines and the site's categories") {
  CHECK(annotate("Arar report\n\nFOR IMMEDIATE RELEASE\n\nOttawa, September 19, 2006 — The "
                 "coalition welcomes the report.\n\n– 30 –\n\nFor more information: 613-555-0142")
            .type == "press-release");
  CHECK(annotate("Communiqué : la liste d’interdiction de vol\n\nCOMMUNIQUÉ – POUR DIFFUSION "
                 "IMMÉDIATE\n\nOttawa, le 18 juin 2007 – La coalition dénonce la liste.",
                 {}, "fr")
            .type == "press-release");
  CHECK(annotate("Joint statement: Withdraw Bill C-30\n\nThe undersigned organizations call on "
                 "the government to withdraw the bill.")
            .type == "statement");
  CHECK(annotate("Brief on Bill C-3\n\nSubmitted to the Standing Committee on Public Safety.\n\n"
                 "Recommendations follow.")
            .type == "brief");
  CHECK(annotate("Public forum: ten years of the Anti-terrorism Act\n\nWhen: Thursday, December "
                 "1, 2011\n\nWhere: Library and Archives Canada\n\nPlease register.")
            .type == "event");
  CHECK(annotate("External review falls short\n\nThe coalition has written again.\n\nDear Prime "
                 "Minister Trudeau,\n\nWe write to you.\n\nSincerely,\n\nTim McSorley")
            .type == "letter");
  CHECK(annotate("Lettre au ministre\n\nMonsieur le Ministre,\n\nNous vous écrivons.", {}, "fr")
            .type == "letter");
  CHECK(annotate("News roundup: March 2017\n\nHere are the stories we followed this month.").type ==
        "news-digest");
  CHECK(annotate("We're hiring: Program Coordinator\n\nHow to apply: send a letter.").type ==
        "other");
  ExtractedPost categorised = post_from_text("Our view\n\nA short text.");
  categorised.categories = {"Communiqués"};
  CHECK(annotator().annotate(categorised).type == "press-release");
}

TEST_CASE("type: prose without cues is an article, an almost empty page is other") {
  std::string prose = "Security certificates: questions and answers\n\n";
  for (int i = 0; i < 30; ++i) prose += "Security certificates are part of immigration law. ";
  CHECK(annotate(prose).type == "article");
  CHECK(annotate("Contact\n\nOttawa").type == "other");
}

// ---------------------------------------------------------------------------
// Ministers

TEST_CASE("ministers: salutations, address blocks and Cc lines") {
  Annotation a = annotate(
      "Letter\n\nJuly 9, 2012\n\nThe Honourable Vic Toews\nMinister of Public Safety\nHouse of "
      "Commons\n\nDear Minister Toews,\n\nWe write to you.\n\nSincerely,\n\nDenise "
      "Laframboise\nNational Coordinator, International Civil Liberties Monitoring Group\n\nCc: "
      "The Right Honourable Stephen Harper, Prime Minister\nThe Honourable John Baird, Minister "
      "of Foreign Affairs");
  CHECK(a.ministers == V{"Vic Toews", "Stephen Harper", "John Baird"});
  Annotation fr = annotate(
      "Lettre\n\nMontréal, le 12 mars 2007\n\nL’honorable Stockwell Day\nMinistre de la Sécurité "
      "publique\n\nMonsieur le Ministre,\n\nNous vous écrivons.\n\nc.c. Le très honorable Stephen "
      "Harper, premier ministre du Canada\nL’honorable Diane Finley, ministre de la Citoyenneté et "
      "de l’Immigration",
      {}, "fr");
  CHECK(fr.ministers == V{"Stockwell Day", "Stephen Harper", "Diane Finley"});
}

TEST_CASE("ministers: named in their role, alone or several at once") {
  CHECK(annotate("Text\n\nMinister Blair appeared before the Committee.", "2018-08-08").ministers ==
        V{"Bill Blair"});
  CHECK(annotate("Text\n\nSome of us heard Ministers Goodale and Hussen reject the claim.",
                 "2018-08-08")
            .ministers == V{"Ralph Goodale", "Ahmed Hussen"});
  CHECK(annotate("Text\n\nWe wrote to the Ministers of Public Safety, Justice and Immigration.",
                 "2018-06-26")
            .ministers == V{"Ralph Goodale", "Jody Wilson-Raybould", "Ahmed Hussen"});
  CHECK(annotate("Text\n\nPublic Safety Minister Peter Van Loan and Immigration Minister Jason "
                 "Kenney sign certificates.",
                 "2009-12-15")
            .ministers == V{"Peter Van Loan", "Jason Kenney"});
  CHECK(annotate("Text\n\nLe ministre des Transports, Lawrence Cannon, affirme le contraire.",
                 "2007-06-18", "fr")
            .ministers == V{"Lawrence Cannon"});
  CHECK(annotate("Text\n\nNous avons rencontré la ministre Joly hier.", "2022-10-04", "fr")
            .ministers == V{"Mélanie Joly"});
}

TEST_CASE("ministers: a title alone is whoever held it on the document's date") {
  std::string text =
      "Letter\n\nDear Prime Minister,\n\nWe also wrote to the Minister of Public "
      "Safety.";
  CHECK(annotate(text, "2005-02-28").ministers == V{"Paul Martin", "Anne McLellan"});
  CHECK(annotate(text, "2007-03-12").ministers == V{"Stephen Harper", "Stockwell Day"});
  CHECK(annotate(text, "2018-06-26").ministers == V{"Justin Trudeau", "Ralph Goodale"});
  CHECK(annotate(text, "2025-06-17").ministers == V{"Mark Carney", "Gary Anandasangaree"});
  // The letter's own date decides, not the page's.
  CHECK(annotate("Letter\n\nJanuary 10, 2019\n\nDear Minister of Justice,\n\nText.", "2019-01-16")
            .ministers == V{"Jody Wilson-Raybould"});
  CHECK(annotate("Letter\n\nNovember 22, 2019\n\nText.\n\nCc: Minister of Transport", "2019-11-25")
            .ministers == V{"Marc Garneau"});
  // Without a date a title cannot be resolved.
  CHECK(annotate("Guide\n\nA certificate is signed by the Minister of Public Safety.")
            .ministers.empty());
}

TEST_CASE("ministers: titles that are not the Canadian office holder") {
  CHECK(annotate("Text\n\nIt ordered Theresa May to stop. British Prime Minister Theresa May "
                 "agreed.",
                 "2018-06-26")
            .ministers.empty());
  CHECK(annotate("Text\n\nThe Prime Minister of Israel spoke.", "2018-06-26").ministers.empty());
  CHECK(annotate("Text\n\nla première ministre de l’Ontario a parlé.", "2018-06-26", "fr")
            .ministers.empty());
  CHECK(annotate("Text\n\nThe Deputy Prime Minister said so.", "2018-06-26").ministers.empty());
  CHECK(annotate("Text\n\nThe former Minister of Public Safety disagreed.", "2018-06-26")
            .ministers.empty());
  CHECK(annotate("Text\n\nJoin us from 7:00 to 9:00 p.m. at the hall.", "2011-11-17")
            .ministers.empty());
  CHECK(annotate("Text\n\nSuch operations would be authorized by the Minister of National "
                 "Defence.",
                 "2018-01-22")
            .ministers.empty());
}

TEST_CASE("ministers: a surname needs a ministerial role, and a name its time in office") {
  // Hassan Diab is not Minister Lena Metlege Diab.
  CHECK(annotate("Text\n\nDr. Diab was extradited. Diab's case.", "2018-08-01").ministers.empty());
  CHECK(annotate("Text\n\nWe met Minister Diab.", "2025-06-17").ministers ==
        V{"Lena Metlege Diab"});
  // A full name without its role is not the minister at work: Bill Blair in
  // 2010 was Toronto's police chief; a predecessor is named, not addressed.
  CHECK(annotate("Text\n\nBill Blair defended the police at the G20.", "2010-07-01")
            .ministers.empty());
  CHECK(annotate("Text\n\nYour predecessor, Gordon O'Connor, made commitments.", "2008-04-15")
            .ministers.empty());
  CHECK(annotate("Text\n\nMinister Bill Blair defended the bill.", "2020-01-01").ministers ==
        V{"Bill Blair"});
  CHECK(annotate("Text\n\nJustice O'Connor found no evidence.", "2006-09-19").ministers.empty());
}

TEST_CASE("ministers: a surname two ministers share is settled by the date") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("dossier-annotate-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::path data = fs::path(DOSSIER_SOURCE_DIR) / "schema" / "data";
  for (const auto& e : fs::directory_iterator(data))
    if (e.path().extension() == ".tsv") fs::copy_file(e.path(), dir / e.path().filename());
  std::ofstream(dir / "ministers.tsv", std::ios::app)
      << "Pat Smith\t\tSmith\nJane Smith\t\tSmith\n";
  std::ofstream(dir / "portfolios.tsv", std::ios::app)
      << "veterans\tMinister of Veterans Affairs\tministre des Anciens Combattants\t\n";
  std::ofstream(dir / "tenures.tsv", std::ios::app)
      << "Pat Smith\tveterans\t2006-02-06\t2010-01-19\nJane Smith\tveterans\t2015-11-04\t\n";
  auto g = dossier::schema::Gazetteers::load(dir);
  fs::remove_all(dir);
  Annotator a(g);
  auto text = post_from_text("Letter to Minister Smith\n\nDear Minister Smith,\n\nText.");
  text.published = "2008-05-05";
  CHECK(a.annotate(text).ministers == V{"Pat Smith"});
  text.published = "2019-05-05";
  CHECK(a.annotate(text).ministers == V{"Jane Smith"});
  text.published = "2009-01-01";
  text.paragraphs.push_back("We also wrote to the Minister of Veterans Affairs.");
  CHECK(a.annotate(text).ministers == V{"Pat Smith"});
}

// ---------------------------------------------------------------------------
// Organisations

TEST_CASE("orgs: signature blocks map to canonical names, mentions in the text do not count") {
  Annotation a = annotate(
      "Letter\n\nAugust 1, 2018\n\nDear Prime Minister Trudeau,\n\nWe urge you to meet Alex "
      "Neve, Secretary General of Amnesty International Canada, and the Hassan Diab Support "
      "Committee.\n\nSincerely,\n\nTim McSorley\nNational Coordinator\nICLMG");
  CHECK(a.orgs == V{kIclmg});
  Annotation fr = annotate(
      "Lettre\n\nMonsieur le Ministre,\n\nNous vous écrivons.\n\nVeuillez agréer, Monsieur le "
      "Ministre, l’expression de notre haute considération.\n\nHélène Bergeron-Tanguay\n"
      "Coordonnatrice nationale\nCoalition pour la surveillance internationale des libertés "
      "civiles (CSILC)\n\nMarc-André Dufresne\nPrésident\nLigue des droits et libertés",
      {}, "fr");
  CHECK(fr.orgs == V{kIclmg, "Ligue des droits et libertés"});
}

TEST_CASE("orgs: the list of organisations closing a joint statement") {
  Annotation a = annotate(
      "Joint statement\n\nThe undersigned organizations call on the government to withdraw "
      "the bill, which would give police sweeping powers over the digital lives of everyone in "
      "Canada.\n\nSigned,\n\n* International Civil Liberties Monitoring Group (ICLMG)\n\n* "
      "OpenMedia\n\n* BC Civil Liberties Association (BCCLA)\n\n* Canadian Civil Liberties "
      "Association (CCLA)");
  CHECK(a.orgs == V{kIclmg, "OpenMedia", "British Columbia Civil Liberties Association",
                    "Canadian Civil Liberties Association"});
}

TEST_CASE("orgs: an unknown signatory organisation is kept as written") {
  Annotation a = annotate(
      "Letter\n\nDear Minister Toews,\n\nWe write about Mr. Mahjoub, who has lived for a decade "
      "under a security certificate and under conditions that are among the most onerous ever "
      "imposed.\n\nRespectfully,\n\nDenise Laframboise\nNational Coordinator\nInternational Civil "
      "Liberties Monitoring Group\n\nLuke Brennan\nCampaign to Stop Secret Trials in Canada\n\n"
      "Project Fly Home (Montreal)\n\nKhadija Rahman and Daniel Osei, parents\nNo Fly List "
      "Kids\n\nMiriam Oberman, Steering Committee\nSolidarity Across Borders / Solidarité sans "
      "frontières\n\nCc: The Honourable Jason Kenney, Minister of Citizenship, Immigration and "
      "Multiculturalism\nOffice of the Prime Minister",
      "2010-05-17");
  CHECK(a.orgs == V{kIclmg, "Campaign to Stop Secret Trials in Canada", "Project Fly Home",
                    "No Fly List Kids", "Solidarity Across Borders"});
  CHECK(a.ministers == V{"Vic Toews", "Jason Kenney"});
}

TEST_CASE("orgs: the author of a press release, the organisers of an event, a byline") {
  CHECK(annotate("Release\n\nFOR IMMEDIATE RELEASE\n\nOTTAWA, December 15, 2009 — The ruling "
                 "should end a failed experiment, the International Civil Liberties Monitoring "
                 "Group said today.\n\n– 30 –\n\nMedia contact: Denise Laframboise, ICLMG, "
                 "613-555-0142")
            .orgs == V{kIclmg});
  CHECK(annotate("Forum\n\nWhen: December 1, 2011\n\nThe forum is organized by the "
                 "International Civil Liberties Monitoring Group and the Canadian Association of "
                 "University Teachers (CAUT).")
            .orgs == V{kIclmg, "Canadian Association of University Teachers"});
  CHECK(annotate("Forum\n\nWhen: November 22, 2015\n\nOrganized by International Civil Liberties "
                 "Monitoring Group (ICLMG) and Canadian Muslim Lawyers Association and Whitehorse "
                 "Peace and Justice Circle.")
            .orgs ==
        V{kIclmg, "Canadian Muslim Lawyers Association", "Whitehorse Peace and Justice Circle"});
  CHECK(annotate("Analyse\n\nPar la Coalition pour la surveillance internationale des libertés "
                 "civiles (CSILC)\n\nLe projet de loi C-41 a reçu la sanction royale.",
                 {}, "fr")
            .orgs == V{kIclmg});
  // Not a signature: a news digest's short lines of prose.
  CHECK(annotate("News roundup\n\nHere is what we did this month, with many links to the "
                 "stories that our member organizations followed closely and shared.\n\nOur "
                 "coordinator spoke at a forum on surveillance at the University of Ottawa")
            .orgs.empty());
}

// ---------------------------------------------------------------------------
// Topics

TEST_CASE("topics: enough evidence, not a passing mention") {
  // A lead paragraph (100 characters or more) that mentions the topic, and one
  // more mention anywhere: enough.
  const std::string lead =
      "The coalition has written to the Prime Minister about the review of the Anti-terrorism Act, "
      "which Parliament must now begin.";
  Annotation a = annotate("Open letter\n\n" + lead +
                              "\n\nThe Anti-terrorism Act gave police new "
                              "powers.\n\nMany of our members have also spoken about security "
                              "certificates under immigration law.",
                          "2005-03-01");
  CHECK(a.topics == V{"national-security-law"});  // one passing mention of certificates
  // The lead alone, mentioned once in all: not enough.
  CHECK(annotate("Open letter\n\n" + lead + "\n\nOther matters.").topics.empty());
  // Three mentions outside title, headings and lead: not enough; four: enough.
  std::string intro(120, 'x');
  intro = "Introduction " + intro + ".";
  std::string three = "Letter\n\n" + intro +
                      "\n\nTorture is wrong.\n\nTorture is banned.\n\nNo one should be tortured.";
  CHECK(annotate(three).topics.empty());
  CHECK(annotate(three + "\n\nTorture never works.").topics == V{"torture"});
  // The title, or a heading, is enough on its own.
  CHECK(annotate("Extradition in Canada\n\n" + intro).topics == V{"extradition"});
  CHECK(annotate("Brief\n\n" + intro + "\n\nExtradition\n\nMore text here.").topics ==
        V{"extradition"});
  // A bold line with commas is not a heading.
  CHECK(annotate("Brief\n\nBill C-51, the Anti-terrorism Act, 2015\n\n" + intro).topics.empty());
  // French evidence in a French post.
  CHECK(annotate("Lettre sur la liste d’interdiction de vol\n\nTexte.", {}, "fr").topics ==
        V{"no-fly-list"});
}

TEST_CASE("topics: names that contain evidence words are no evidence") {
  std::string intro = "Introduction " + std::string(120, 'x') + ".";
  // "Immigration and Refugee Protection Act" is a law's name, not talk of refugees;
  // "Minister of Border Security" an office; "counter-surveillance" another word.
  CHECK(annotate(
            "Letter\n\n" + intro +
                "\n\nUnder the Immigration and Refugee Protection Act, section 34. The "
                "Immigration and Refugee Protection Act again. The Minister of Border Security "
                "and Organized Crime Reduction and the Minister of Border Security and Organized "
                "Crime Reduction. counter-surveillance, counter-surveillance, "
                "counter-surveillance, counter-surveillance.",
            "2018-08-08")
            .topics.empty());
}

TEST_CASE("topics: words inside an organisation's name are no evidence") {
  Annotation a = annotate(
      "Letter\n\nDear Minister,\n\nWe write about the budget.\n\nSincerely,\n\nCanadian Council "
      "for Refugees\n\nRefugee Lawyers Association of Ontario\n\nCoalition pour la surveillance "
      "internationale des libertés civiles");
  CHECK(a.topics.empty());
}

// ---------------------------------------------------------------------------
// Language, order, threads

TEST_CASE("lang: cld2 on the text, the page's lang for short texts") {
  CHECK(annotate(seed::kSeedDiabLetter, {}, "").lang == "en");
  std::string fr =
      "Lettre au ministre\n\nNous vous écrivons au nom de la Coalition pour vous demander de "
      "mettre fin au régime des certificats de sécurité, qui permet de détenir et d’expulser des "
      "personnes sur la foi d’une preuve secrète qu’elles ne peuvent ni voir ni contester.";
  CHECK(annotate(fr, {}, "en").lang == "fr");
  CHECK(annotate("Merci\n\nOui.", {}, "fr").lang == "fr");
  CHECK(annotate("Thanks\n\nYes.", {}, "").lang.size() <= 2);
}

TEST_CASE("empty and odd posts annotate without a fault") {
  ExtractedPost empty;
  Annotation a = annotator().annotate(empty);
  CHECK_FALSE(a.date);
  CHECK(a.type == "other");
  CHECK(a.ministers.empty());
  CHECK(a.orgs.empty());
  CHECK(a.topics.empty());
  ExtractedPost odd;
  odd.title = "—";
  odd.paragraphs = {"",
                    "\n\n",
                    "|",
                    "•",
                    "Dear",
                    "Minister",
                    "Ministers of",
                    "Cc:",
                    "Prime Minister",
                    "\xFF\xFE bad bytes",
                    std::string(5000, 'x')};
  odd.published = "2018-13-45";
  CHECK_NOTHROW(annotator().annotate(odd));
  CHECK_FALSE(annotator().annotate(odd).date);
}

TEST_CASE("lists are deduplicated and stable") {
  Annotation a = annotate(seed::kSeedHarkatLetter);
  Annotation b = annotate(seed::kSeedHarkatLetter);
  CHECK(a.ministers == b.ministers);
  CHECK(a.orgs == b.orgs);
  CHECK(a.topics == b.topics);
  CHECK(as_set(a.ministers).size() == a.ministers.size());
  CHECK(as_set(a.orgs).size() == a.orgs.size());
  CHECK(as_set(a.topics).size() == a.topics.size());
}

TEST_CASE("one Annotator serves many threads") {
  const char* texts[] = {seed::kSeedHarkatLetter, seed::kSeedBorderSecurityLetter,
                         seed::kSeedDiabLetter};
  std::vector<Annotation> expected;
  for (const char* t : texts) expected.push_back(annotate(t));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int n = 0; n < 4; ++n)
    threads.emplace_back([&, n] {
      for (int i = 0; i < 30; ++i) {
        int k = (i + n) % 3;
        Annotation a = annotate(texts[k]);
        if (a.ministers != expected[k].ministers || a.orgs != expected[k].orgs ||
            a.topics != expected[k].topics || a.date != expected[k].date)
          ++mismatches;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(mismatches == 0);
}

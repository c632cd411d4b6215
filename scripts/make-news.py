#!/usr/bin/env python3
"""Writes N synthetic news articles of news length for the store benchmarks (scripts/bench-store.sh).

    scripts/make-news.py N DIR [--seed S]

Each article is 2.5-4.5 KB: a headline, a dateline, two or three event paragraphs (a clash, an attack, arrests, a
protest, an explosion ... in one of 60 cities of the three languages, with casualty figures and a day relative to the
publication date) among background paragraphs that name places but report nothing. A third are saved HTML pages
(article:published_time, <html lang>, a menu and a footer around the article), the rest plain text files; the
publication date of a text file is its first line ("2024-03-05"), which the ingest reads as a dateline-free text, so
the benchmark passes --published for them. Articles are distinct (their checksums differ), in English, French and
Russian in the proportions 3:1:1. The same N and seed give the same files.
"""
import argparse
import datetime
import html
import os
import random

CITIES = {
    "en": ["Kabul", "Kandahar", "Herat", "Mosul", "Baghdad", "Basra", "Aleppo", "Homs", "Sanaa", "Aden", "Mogadishu",
           "Khartoum", "Juba", "Kano", "Maiduguri", "Lagos", "Nairobi", "Kinshasa", "Goma", "Tripoli", "Benghazi",
           "Karachi", "Peshawar", "Quetta", "Dhaka", "Yangon", "Mandalay", "Manila", "Caracas", "Bogota"],
    "fr": ["Bamako", "Gao", "Tombouctou", "Niamey", "Ouagadougou", "Abidjan", "Dakar", "Conakry", "Bangui", "Bukavu",
           "Lyon", "Marseille", "Nantes", "Bordeaux", "Lille", "Toulouse", "Port-au-Prince", "Beyrouth", "Alger",
           "Tunis"],
    "ru": ["Москве", "Киеве", "Харькове", "Донецке", "Минске", "Алма-Ате", "Бишкеке", "Тбилиси", "Ереване",
           "Новосибирске", "Казани", "Грозном"],
}

EVENTS = {
    "en": [
        "Gunmen attacked a police checkpoint in {city} {day}, killing {k} officers and wounding {w} others, officials said.",
        "A car bomb exploded near a market in {city} {day}, killing {k} people and injuring {w}.",
        "Security forces clashed with armed militants in {city} {day}; {k} fighters were killed.",
        "Police arrested {a} protesters in {city} {day} after demonstrators blocked the main road.",
        "Thousands of people protested peacefully in {city} {day} against rising fuel prices.",
        "Rioters set fire to government buildings in {city} {day}, and {w} people were injured.",
        "An air strike hit a village near {city} {day}, killing {k} civilians, local residents said.",
        "Troops were deployed to {city} {day} after a week of unrest.",
    ],
    "fr": [
        "Des hommes armés ont attaqué un poste de police à {city} {day}, tuant {k} policiers et blessant {w} autres.",
        "Une explosion a secoué le marché central de {city} {day}, faisant {k} morts et {w} blessés.",
        "La police a interpellé {a} manifestants à {city} {day} après des heurts devant la préfecture.",
        "Des milliers de personnes ont manifesté à {city} {day} contre la réforme des retraites.",
        "Des affrontements entre l'armée et des groupes armés ont fait {k} morts près de {city} {day}.",
    ],
    "ru": [
        "В {city} {day} задержаны {a} участников несанкционированной акции протеста.",
        "В результате взрыва в {city} {day} погибли {k} человек, ещё {w} получили ранения.",
        "Вооружённые люди напали на отделение полиции в {city} {day}, погибли {k} полицейских.",
        "В {city} {day} прошёл митинг против повышения цен, в нём участвовали несколько тысяч человек.",
    ],
}

DAYS = {
    "en": ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "ru": ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу", "в воскресенье"],
}

BACKGROUND = {
    "en": [
        "The region has seen repeated violence since the ceasefire collapsed two years ago.",
        "Analysts say the economic crisis has deepened resentment towards the central government.",
        "The ministry of the interior did not respond to a request for comment.",
        "Humanitarian agencies warned that access to the affected districts remained limited.",
        "The governor called for calm and promised an investigation into the events.",
        "Prices of bread and fuel have more than doubled since the start of the year, according to the statistics office.",
        "Diplomats from several countries urged all sides to show restraint and return to negotiations.",
        "Local journalists said mobile internet had been cut in parts of the province for several hours.",
        "The opposition coalition, which boycotted last year's elections, blamed the authorities for the escalation.",
        "Schools and shops in the city centre stayed closed, and traffic on the ring road was light.",
        "A spokesman for the United Nations said the organisation was following the situation closely.",
        "Residents described long queues at petrol stations and bakeries in the days before the unrest.",
    ],
    "fr": [
        "La région connaît des violences répétées depuis l'effondrement du cessez-le-feu il y a deux ans.",
        "Selon plusieurs analystes, la crise économique a aggravé la défiance envers le gouvernement.",
        "Le ministère de l'Intérieur n'a pas répondu à nos sollicitations.",
        "Les organisations humanitaires s'inquiètent de l'accès limité aux quartiers touchés.",
        "Le gouverneur a appelé au calme et promis une enquête sur les événements.",
        "Les prix du pain et du carburant ont plus que doublé depuis le début de l'année.",
        "Les écoles et les commerces du centre-ville sont restés fermés toute la journée.",
        "Plusieurs chancelleries ont appelé les parties à la retenue et au dialogue.",
    ],
    "ru": [
        "Ситуация в регионе остаётся напряжённой с начала года.",
        "По словам аналитиков, экономический кризис усилил недовольство властями.",
        "В министерстве внутренних дел отказались от комментариев.",
        "Губернатор призвал жителей сохранять спокойствие и пообещал провести расследование.",
        "Цены на хлеб и топливо с начала года выросли более чем вдвое.",
        "Школы и магазины в центре города в этот день не работали.",
        "Правозащитники заявили, что будут следить за ходом расследования.",
    ],
}

HEADLINES = {
    "en": "Violence flares as tensions rise", "fr": "Nouvelle flambée de violence", "ru": "Новая волна насилия",
}


def article(rng, n):
    lang = rng.choice(["en", "en", "en", "fr", "ru"])
    published = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(5 * 365))
    paragraphs = []
    events = rng.randint(2, 3)
    background = rng.randint(9, 14)
    slots = ["e"] * events + ["b"] * background
    rng.shuffle(slots)
    for slot in slots:
        if slot == "e":
            sentence = rng.choice(EVENTS[lang]).format(
                city=rng.choice(CITIES[lang]), day=rng.choice(DAYS[lang]), k=rng.randint(2, 40), w=rng.randint(3, 90),
                a=rng.randint(5, 300))
            paragraphs.append(sentence + " " + rng.choice(BACKGROUND[lang]))
        else:
            paragraphs.append(" ".join(rng.sample(BACKGROUND[lang], 2)))
    # The serial keeps every article distinct, as real articles are.
    paragraphs.append({"en": "Report {}.", "fr": "Dépêche {}.", "ru": "Сообщение {}."}[lang].format(n))
    return lang, published, HEADLINES[lang], paragraphs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("count", type=int)
    ap.add_argument("directory")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.directory, exist_ok=True)
    for n in range(args.count):
        lang, published, title, paragraphs = article(rng, n)
        stem = os.path.join(args.directory, f"{n:06d}.{lang}")
        if n % 3 == 0:
            body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            page = (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>\n'
                    f'<meta property="article:published_time" content="{published.isoformat()}T08:00:00Z">\n'
                    f'</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>\n'
                    f'<article><h1>{title}</h1>\n{body}\n</article>\n<footer>© News</footer></body></html>\n')
            with open(stem + ".html", "w", encoding="utf-8") as f:
                f.write(page)
        else:
            with open(stem + ".txt", "w", encoding="utf-8") as f:
                f.write(title + "\n\n" + "\n\n".join(paragraphs) + "\n")


if __name__ == "__main__":
    main()

/// Function words that carry no topic, by language, for keyword extraction.
///
/// English is always applied, because technical writing in other languages often
/// mixes in English words. The lists are lowercase and written for this engine. They
/// may lack words shorter than three characters, because keywords that short are
/// dropped anyway.
enum Stopwords {
    /// Returns the stopwords for a language code such as "en", "de-AT" or "pl_PL",
    /// always including English.
    static func words(forLanguage language: String) -> Set<String> {
        var result = english
        if let extra = byLanguage[primaryLanguage(language)] {
            result.formUnion(extra)
        }
        return result
    }

    /// Returns the primary subtag of a language code in lowercase: "en" for "en-US".
    static func primaryLanguage(_ language: String) -> String {
        language.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
    }

    private static func set(_ words: String) -> Set<String> {
        Set(words.split(whereSeparator: \.isWhitespace).map(String.init))
    }

    static let english = set("""
        about above after again against all also although always among and another any anyone anything \
        are aren't around because been before being below between both but can can't cannot could couldn't \
        did didn't does doesn't doing don't down during each either else enough even ever every everything \
        few first for from further get gets getting got had hadn't has hasn't have haven't having her here \
        hers herself him himself his how however into isn't it's its itself just least less let like likely \
        made make makes many may maybe might more most much must myself near need needs never new next nor \
        not now off often once one only onto other others our ours ourselves out over own per perhaps quite \
        rather really same see seem seems several shall she should shouldn't since some something still such \
        than that that's the their theirs them themselves then there there's these they they're thing things \
        this those though through thus too toward towards under until upon use used uses using very via want \
        was wasn't way ways well were weren't what what's when where whether which while who whom whose why \
        will with within without won't would wouldn't yes yet you you'd you'll you're you've your yours \
        yourself yourselves etc able across already back best better come comes different done far going \
        good great high know last long look lot lots part put right say says set show take takes tell two \
        three work works
        """)

    private static let byLanguage: [String: Set<String>] = [
        "de": set("""
            aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei beim bin \
            bis bist bitte dabei dadurch daher damit dann darauf darum das dass dein deine dem den denn der \
            des deshalb dessen die dies diese dieser dieses doch dort durch ein eine einem einen einer eines \
            einige etwas euer eure für gegen gibt habe haben hat hatte hier hin hinter ich ihr ihre ihrem \
            ihren ihrer im immer in ist jede jedem jeden jeder jedes jetzt kann kein keine können könnte \
            machen man mehr mein meine mit muss müssen nach nicht nichts noch nun nur ob oder ohne sehr sein \
            seine sich sie sind so soll sollte sondern sowie über um und uns unser unter viel vom von vor \
            wann war waren warum was weil welche welcher wenn wer werden wie wieder will wir wird wo wurde \
            wurden zum zur zwischen
            """),
        "fr": set("""
            aux avec avoir ces cet cette ceux chez comme comment dans des donc dont elle elles encore est \
            et été être fait faire leur leurs lui mais même mes moi mon nos notre nous ont par pas peu peut \
            plus pour pourquoi quand que quel quelle quelles quels qui sans ses son sont sous sur tous tout \
            toute toutes très une vos votre vous
            """),
        "es": set("""
            algo algunos ante antes aquí así cada como con contra cual cuando del desde donde durante ella \
            ellas ellos entre era eran esa esas ese eso esos esta estaba estas este esto estos está están \
            fue fueron hay hace hacer las les los mas más mismo mucho muy nada nos nosotros otra otras otro \
            otros para pero poco por porque puede que qué quien sea ser sido sin sobre son sus también tan \
            tanto tiene todo todos una uno unos usted vez
            """),
        "pl": set("""
            ale bardzo bez będzie był była było były być dla dlatego dlaczego gdy gdzie go ich iż jak jako \
            jakie jego jej jest jestem już każdy kiedy która które którego który mają może można mnie nad \
            nam nas nawet nie nic niż oraz pod ponieważ po przed przez przy się sobie są tak także tam ten \
            tego tej też to tylko tym tych wiele więc wszystko właśnie za że żeby
            """),
    ]
}

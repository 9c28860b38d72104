package dev.medley.metadata;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks music names and folder layouts, one case a line. */
class MusicNamesTest {

    static final String ARTIST_TITLE = """
            Radiohead - Karma Police.mp3 => music; artist=Radiohead; title=Karma Police; track=-; album=-
            Massive Attack - Teardrop.flac => music; artist=Massive Attack; title=Teardrop
            Nina Simone - Feeling Good.m4a => music; artist=Nina Simone; title=Feeling Good
            Björk - Jóga.ogg => music; artist=Björk; title=Jóga
            Sigur Rós - Hoppípolla.opus => music; artist=Sigur Rós; title=Hoppípolla
            AC-DC - Back in Black.wav => music; artist=AC-DC; title=Back in Black
            The Rolling Stones - Paint It Black.aac => music; artist=The Rolling Stones; title=Paint It Black
            Daft Punk - Get Lucky.wma => music; artist=Daft Punk; title=Get Lucky
            Miles Davis - So What.aiff => music; artist=Miles Davis; title=So What
            John Coltrane - Naima.ape => music; artist=John Coltrane; title=Naima
            Fleetwood Mac - Dreams.alac => music; artist=Fleetwood Mac; title=Dreams
            Kraftwerk - Autobahn.wv => music; artist=Kraftwerk; title=Autobahn
            Jay-Z - 99 Problems.mp3 => music; artist=Jay-Z; title=99 Problems; track=-
            Blink-182 - All the Small Things.mp3 => music; artist=Blink-182; title=All the Small Things
            Sade – Smooth Operator.mp3 => music; artist=Sade; title=Smooth Operator
            Portishead — Glory Box.flac => music; artist=Portishead; title=Glory Box
            Boards of Canada_-_Roygbiv.mp3 => music; artist=Boards of Canada; title=Roygbiv
            Aphex_Twin_-_Xtal.mp3 => music; artist=Aphex Twin; title=Xtal
            Nirvana - Smells Like Teen Spirit - Live.flac => music; artist=Nirvana; title=Smells Like Teen Spirit (Live); version=Live
            Ella Fitzgerald - Summertime (1968).mp3 => music; artist=Ella Fitzgerald; title=Summertime; year=1968
            Bob Marley - Redemption Song [1980].mp3 => music; artist=Bob Marley; title=Redemption Song; year=1980
            Prince - 1999.mp3 => music; artist=Prince; title=1999; year=-
            Björk - Hyperballad.dsf => music; artist=Björk; title=Hyperballad
            Tinariwen - Tenere Taqqim Tossam.mka => music; artist=Tinariwen; title=Tenere Taqqim Tossam
            Earth, Wind & Fire - September.mp3 => music; artist=Earth, Wind & Fire; title=September
            Guns N' Roses - Sweet Child O' Mine.mp3 => music; artist=Guns N' Roses; title=Sweet Child O' Mine
            Kendrick Lamar - m.A.A.d city.mp3 => music; artist=Kendrick Lamar; title=m.A.A.d city
            """;

    static final String TRACK_NUMBERS = """
            01 - Airbag.mp3 => music; track=1; title=Airbag; artist=-
            02. Paranoid Android.flac => music; track=2; title=Paranoid Android
            03 Subterranean Homesick Alien.mp3 => music; track=3; title=Subterranean Homesick Alien
            1-01 Come Together.flac => music; disc=1; track=1; title=Come Together
            2-05 Here Comes the Sun.flac => music; disc=2; track=5; title=Here Comes the Sun
            101 - Speak to Me.flac => music; disc=1; track=1; title=Speak to Me
            203. Brain Damage.flac => music; disc=2; track=3; title=Brain Damage
            A1 Side One Opener.flac => music; track=1; title=Side One Opener
            7 Years.mp3 => music; track=-; title=7 Years
            99 Problems.mp3 => music; track=-; title=99 Problems
            22.mp3 => music; track=22; title=-
            10 - 10 Years Gone.mp3 => music; track=10; title=10 Years Gone
            05 - 1979.mp3 => music; track=5; title=1979; year=-
            12_-_Closing_Time.mp3 => music; track=12; title=Closing Time
            07 Jóga.flac => music; track=7; title=Jóga
            Track 01.wav => music; track=1; title=-
            Track07.flac => music; track=7; title=-
            """;

    static final String TRACK_ARTIST_TITLE = """
            01. Daft Punk - One More Time.mp3 => music; track=1; artist=Daft Punk; title=One More Time
            02 - Massive Attack - Angel.mp3 => music; track=2; artist=Massive Attack; title=Angel
            03. Bonobo - Kerala.flac => music; track=3; artist=Bonobo; title=Kerala
            04 Moby - Porcelain.mp3 => music; track=4; artist=Moby; title=Porcelain
            05 - Fatboy Slim - Praise You.mp3 => music; track=5; artist=Fatboy Slim; title=Praise You
            11. The Chemical Brothers - Galvanize.mp3 => music; track=11; artist=The Chemical Brothers; title=Galvanize
            Air - 01 - La Femme d'Argent.mp3 => music; track=1; artist=Air; title=La Femme d'Argent
            Moderat - 03 - Bad Kingdom.flac => music; track=3; artist=Moderat; title=Bad Kingdom
            Burial - 02 - Archangel.mp3 => music; track=2; artist=Burial; title=Archangel
            Daft Punk - Discovery - 01 - One More Time.flac => music; artist=Daft Punk; album=Discovery; track=1; title=One More Time
            Radiohead - OK Computer - 02 - Paranoid Android.mp3 => music; artist=Radiohead; album=OK Computer; track=2; title=Paranoid Android
            Pink Floyd - The Wall - 12 - Comfortably Numb.flac => music; artist=Pink Floyd; album=The Wall; track=12; title=Comfortably Numb
            Massive Attack - Mezzanine - 03 - Teardrop.mp3 => music; artist=Massive Attack; album=Mezzanine; track=3; title=Teardrop
            Portishead - Dummy - 10 - Glory Box.flac => music; artist=Portishead; album=Dummy; track=10; title=Glory Box
            Miles Davis - Kind of Blue - 01 - So What.flac => music; artist=Miles Davis; album=Kind of Blue; track=1; title=So What
            """;

    static final String BY_ARTIST = """
            Someone Like You by Adele.mp3 => music; artist=Adele; title=Someone Like You
            Hallelujah by Jeff Buckley.mp3 => music; artist=Jeff Buckley; title=Hallelujah
            Killed by Death by Motörhead.mp3 => music; artist=Motörhead; title=Killed by Death
            Clair de Lune by Claude Debussy.flac => music; artist=Claude Debussy; title=Clair de Lune
            Stand by Me.mp3 => music; artist=-; title=Stand by Me
            Wait by the River.mp3 => music; artist=-; title=Wait by the River
            Hold Me by You.mp3 => music; artist=-; title=Hold Me by You
            Gymnopédie No. 1 by Erik Satie.flac => music; artist=Erik Satie; title=Gymnopédie No. 1
            """;

    static final String FOLDERS = """
            Artist/Album (2001)/01 - Title.flac => music; artist=Artist; albumArtist=Artist; album=Album; year=2001; track=1; title=Title
            Pink Floyd/The Dark Side of the Moon (1973)/03 - Time.flac => music; artist=Pink Floyd; album=The Dark Side of the Moon; year=1973; track=3; title=Time
            /home/ana/Music/Radiohead/OK Computer/02 Paranoid Android.mp3 => music; artist=Radiohead; album=OK Computer; track=2; title=Paranoid Android
            /srv/music/Björk/Homogenic (1997)/05 Jóga.flac => music; artist=Björk; album=Homogenic; year=1997; track=5; title=Jóga
            Music/Massive Attack/Mezzanine/03. Teardrop.mp3 => music; artist=Massive Attack; album=Mezzanine; track=3; title=Teardrop
            The Beatles/1969 - Abbey Road/CD1/1-01 Come Together.flac => music; artist=The Beatles; album=Abbey Road; year=1969; disc=1; track=1; title=Come Together
            The Beatles/Abbey Road/CD 2/04 Here Comes the Sun.flac => music; artist=The Beatles; album=Abbey Road; disc=2; track=4
            Pink Floyd/The Wall/Disc 2/06 Comfortably Numb.flac => music; album=The Wall; disc=2; track=6; title=Comfortably Numb
            Radiohead - Kid A (2000)/01 - Everything in Its Right Place.flac => music; artist=Radiohead; albumArtist=Radiohead; album=Kid A; year=2000; track=1; title=Everything in Its Right Place
            Daft Punk - Discovery [2001] [FLAC]/02 Aerodynamic.flac => music; artist=Daft Punk; album=Discovery; year=2001; track=2
            Miles Davis/(1959) Kind of Blue/01 So What.flac => music; artist=Miles Davis; album=Kind of Blue; year=1959; track=1
            Miles Davis/[1959] Kind of Blue/02 Freddie Freeloader.flac => music; album=Kind of Blue; year=1959; track=2
            Miles Davis/1970 - Bitches Brew/01 Pharaoh's Dance.flac => music; album=Bitches Brew; year=1970; title=Pharaoh's Dance
            Various Artists/Now That's What I Call Music 50 (2001)/05 - Kylie Minogue - Can't Get You Out of My Head.mp3 => music; albumArtist=Various Artists; artist=Kylie Minogue; album=Now That's What I Call Music 50; track=5
            Various Artists/Café del Mar Vol. 5/03 - Lamb - Gorecki.mp3 => music; albumArtist=Various Artists; artist=Lamb; title=Gorecki; track=3
            Compilations/Best of 1990/07 - Deee-Lite - Groove Is in the Heart.mp3 => music; artist=Deee-Lite; album=Best of 1990; track=7
            Music/Radiohead - Creep.mp3 => music; artist=Radiohead; title=Creep; album=-
            Downloads/Fela Kuti - Zombie.mp3 => music; artist=Fela Kuti; title=Zombie; album=-
            Radiohead/Radiohead - Creep.mp3 => music; artist=Radiohead; albumArtist=Radiohead; album=-; title=Creep
            C:\\Users\\ana\\Music\\Portishead\\Dummy\\10 Glory Box.mp3 => music; artist=Portishead; album=Dummy; track=10; title=Glory Box
            D:\\Music\\Air\\Moon Safari (1998)\\01 La Femme d'Argent.flac => music; artist=Air; album=Moon Safari; year=1998; track=1
            Massive Attack/Mezzanine (1998)/Massive Attack - Angel.flac => music; artist=Massive Attack; album=Mezzanine; title=Angel; year=1998
            Kraftwerk/Trans-Europe Express (1977)/01 - Europe Endless.flac => music; album=Trans-Europe Express; year=1977; title=Europe Endless
            Bonobo/Black Sands [2010] [320kbps]/04 - Kiara.mp3 => music; album=Black Sands; year=2010; track=4; title=Kiara
            Tinariwen/Imidiwan/CD1/03 Tenhert.flac => music; artist=Tinariwen; album=Imidiwan; disc=1; track=3
            The Beatles/Abbey Road/1-17 Her Majesty.flac => music; album=Abbey Road; disc=1; track=17; title=Her Majesty
            """;

    // Folders that hold files rather than name them, and clear names that outweigh a folder that only might be an album.
    static final String NOT_EVIDENCE = """
            alice/DL/Portishead - Roads.mp3 => music; artist=Portishead; title=Roads; album=-; albumArtist=-
            /home/alice/Portishead - Roads.mp3 => music; artist=Portishead; album=-; albumArtist=-
            /home/alice/Dummy/01 - Roads.mp3 => music; album=Dummy; artist=-; albumArtist=-; track=1
            C:\\Users\\ana\\Portishead - Roads.mp3 => music; artist=Portishead; album=-; albumArtist=-
            ~/Portishead - Roads.mp3 => music; artist=Portishead; album=-
            Desktop/tmp/01 - Roads.mp3 => music; track=1; album=-; artist=-
            incoming/Portishead - Roads.mp3 => music; artist=Portishead; album=-
            Torrents/Complete/Portishead - Roads.mp3 => music; artist=Portishead; album=-; albumArtist=-
            Mixed Bag/Friday/Portishead - Roads.mp3 => music; artist=Portishead; album=-; albumArtist=-
            Portishead/Dummy/Portishead - Roads.mp3 => music; artist=Portishead; albumArtist=Portishead; album=Dummy
            Party/Dummy (1994)/Portishead - Roads.mp3 => music; artist=Portishead; albumArtist=Party; album=Dummy; year=1994
            Friday/Portishead - Dummy/Portishead - Roads.mp3 => music; albumArtist=Portishead; album=Dummy
            Friday/Dummy/CD1/Portishead - Roads.mp3 => music; artist=Portishead; albumArtist=Friday; album=Dummy; disc=1
            Friday/Dummy/04 Portishead - Roads.mp3 => music; artist=Portishead; albumArtist=Friday; album=Dummy; track=4
            """;

    static final String JUNK = """
            t-fire - say a prayer [nigeria] soul (1979) => music; artist=T-Fire; title=Say A Prayer; year=1979
            t-fire - say a prayer [nigeria] soul (1979).mp3 => music; artist=T-Fire; title=Say A Prayer; year=1979
            fela kuti - water no get enemy [afrobeat] (1975).mp3 => music; artist=Fela Kuti; title=Water No Get Enemy; year=1975
            Calvin Harris - Summer [320kbps].mp3 => music; artist=Calvin Harris; title=Summer
            Calvin Harris - Summer (320 kbps).mp3 => music; title=Summer
            Daft Punk - Around the World [MP3 320].mp3 => music; title=Around the World
            Adele - Hello (Official Video).mp3 => music; artist=Adele; title=Hello
            Adele - Hello (Official Music Video) [HD].mp3 => music; title=Hello
            Adele - Hello [Official Audio].mp3 => music; title=Hello
            Coldplay - Yellow (Lyrics).mp3 => music; title=Yellow
            Coldplay - Yellow [Lyric Video].mp3 => music; title=Yellow
            Drake - Hotline Bling [HQ].mp3 => music; title=Hotline Bling
            Burna Boy - Ye [www.naijaloaded.com].mp3 => music; artist=Burna Boy; title=Ye
            Wizkid - Joro (www.tooxclusive.com).mp3 => music; artist=Wizkid; title=Joro
            Ebo Taylor - Love and Death [ghana] highlife (1980).mp3 => music; artist=Ebo Taylor; title=Love and Death; year=1980
            Orchestra Baobab - Utrus Horas [senegal] (1982).mp3 => music; title=Utrus Horas; year=1982
            William Onyeabor - Fantastic Man [nigeria] funk.mp3 => music; artist=William Onyeabor; title=Fantastic Man
            Mulatu Astatke - Yekermo Sew [ethiopia] jazz (1972).flac => music; title=Yekermo Sew; year=1972
            Aphex Twin - Avril 14th [FLAC 24bit].flac => music; title=Avril 14th
            Burial - Archangel [24bit 44khz].flac => music; title=Archangel
            Bonobo - Kerala [Free Download].mp3 => music; title=Kerala
            Four Tet - Baby [Explicit].mp3 => music; title=Baby
            Disclosure - Latch (Audio).mp3 => music; title=Latch
            Kendrick Lamar - HUMBLE. (Official Video) [4K].mp3 => music; title=HUMBLE.
            """;

    static final String MEANINGFUL = """
            Avicii - Levels (Skrillex Remix).mp3 => music; artist=Avicii; title=Levels (Skrillex Remix); version=Skrillex Remix
            Calvin Harris - Summer (Radio Edit) [320kbps].mp3 => music; title=Summer (Radio Edit); version=Radio Edit
            Queen - Bohemian Rhapsody (Live Aid 1985).mp3 => music; title=Bohemian Rhapsody (Live Aid 1985); version=Live Aid 1985
            Nirvana - About a Girl (Live).mp3 => music; title=About a Girl (Live); version=Live
            Eric Clapton - Layla (Acoustic).mp3 => music; title=Layla (Acoustic); version=Acoustic
            Eric Clapton - Tears in Heaven (Unplugged).mp3 => music; version=Unplugged
            Moby - Porcelain (Extended Mix).mp3 => music; title=Porcelain (Extended Mix); version=Extended Mix
            Underworld - Born Slippy (Nuxx) [Original Mix].mp3 => music; version=Original Mix
            Pink Floyd - Money (2011 Remaster).flac => music; title=Money (2011 Remaster); version=2011 Remaster
            Radiohead - Creep (Acoustic Version).mp3 => music; version=Acoustic Version
            Portishead - Roads (Demo).mp3 => music; version=Demo
            Massive Attack - Teardrop (Instrumental).mp3 => music; version=Instrumental
            Rihanna - Umbrella (feat. Jay-Z).mp3 => music; artist=Rihanna; title=Umbrella; featuring=Jay-Z
            Rihanna - Umbrella (ft. Jay-Z).mp3 => music; title=Umbrella; featuring=Jay-Z
            Daft Punk - Get Lucky feat. Pharrell Williams.mp3 => music; title=Get Lucky; featuring=Pharrell Williams
            Daft Punk feat. Pharrell Williams - Get Lucky.mp3 => music; artist=Daft Punk; featuring=Pharrell Williams; title=Get Lucky
            Eminem ft. Rihanna - Love The Way You Lie.mp3 => music; artist=Eminem; featuring=Rihanna; title=Love The Way You Lie
            Gorillaz - Feel Good Inc (featuring De La Soul).mp3 => music; title=Feel Good Inc; featuring=De La Soul
            Major Lazer - Lean On (feat. MØ & DJ Snake) [Official Video].mp3 => music; title=Lean On; featuring=MØ & DJ Snake
            Mark Ronson - Uptown Funk (feat. Bruno Mars) (Dave Aude Remix).mp3 => music; featuring=Bruno Mars; version=Dave Aude Remix
            Disclosure - Latch (feat. Sam Smith) [320kbps].mp3 => music; title=Latch; featuring=Sam Smith
            Burial - Archangel (Part 2).mp3 => music; title=Archangel (Part 2)
            Kanye West - Runaway (Interlude).mp3 => music; title=Runaway (Interlude)
            """;

    static final String LOWER_CASE = """
            radiohead - karma police.mp3 => music; artist=Radiohead; title=Karma Police
            the xx - intro.mp3 => music; artist=The Xx; title=Intro
            jay-z - dirt off your shoulder.mp3 => music; artist=Jay-Z; title=Dirt Off Your Shoulder
            01 - paranoid android.mp3 => music; track=1; title=Paranoid Android
            fela kuti - zombie.flac => music; artist=Fela Kuti; title=Zombie
            MGMT - kids.mp3 => music; artist=MGMT; title=Kids
            k.flay - blood in the cut.mp3 => music; artist=K.Flay; title=Blood In The Cut
            artist_-_title_(remix).mp3 => music; artist=Artist; title=Title (Remix); version=Remix
            """;

    static final String BARE_NAMES = """
            Fela Kuti - Zombie (feat. Africa 70) => music; artist=Fela Kuti; title=Zombie; featuring=Africa 70
            Avicii - Levels (Skrillex Remix) => music; artist=Avicii; version=Skrillex Remix
            Calvin Harris - Summer [320kbps] => music; artist=Calvin Harris; title=Summer
            Adele - Hello (Official Video) => music; artist=Adele; title=Hello
            Ebo Taylor - Heaven [ghana] highlife (1977) => music; artist=Ebo Taylor; title=Heaven; year=1977
            01 - Intro [320kbps] => music; track=1; title=Intro
            Drake - Hotline Bling (Official Video).mp4 => music; artist=Drake; title=Hotline Bling
            Major Lazer - Lean On (feat. MØ).webm => music; artist=Major Lazer; featuring=MØ
            """;

    static Stream<Expectation> cases() {
        return Stream.of(ARTIST_TITLE, TRACK_NUMBERS, TRACK_ARTIST_TITLE, BY_ARTIST, FOLDERS, NOT_EVIDENCE, JUNK, MEANINGFUL,
                        LOWER_CASE, BARE_NAMES)
                .map(Expectation::all)
                .flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reads(Expectation expectation) {
        expectation.check();
    }
}

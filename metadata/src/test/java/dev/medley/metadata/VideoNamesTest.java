package dev.medley.metadata;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks episode and film names and folder layouts, one case a line. */
class VideoNamesTest {

    static final String SINGLE_EPISODES = """
            The.Expanse.S03E05.1080p.WEB-DL.DD5.1.H264-RARBG.mkv => episode; title=The Expanse; season=3; episode=5; screenSize=1080p; source=WEB-DL; videoCodec=H.264; audioCodec=AC3; group=RARBG
            Breaking Bad - 5x14 - Ozymandias.mkv => episode; title=Breaking Bad; season=5; episode=14; episodeTitle=Ozymandias
            The.Simpsons.S32E01.mkv => episode; title=The Simpsons; season=32; episode=1
            Sherlock.3x02.The.Sign.of.Three.720p.mkv => episode; title=Sherlock; season=3; episode=2; episodeTitle=The Sign of Three
            Attack on Titan S04E28 1080p WEB H264.mkv => episode; title=Attack on Titan; season=4; episode=28; source=WEB
            fargo.s02e03.hdtv.x264-killers.mkv => episode; title=fargo; season=2; episode=3; source=HDTV; group=killers
            True_Detective_S01E08_Form_and_Void_720p.mkv => episode; title=True Detective; season=1; episode=8; episodeTitle=Form and Void
            Black-Mirror-S04E01-USS-Callister.mkv => episode; title=Black-Mirror; season=4; episode=1
            Doctor.Who.2005.S10E01.HDTV.x264.mkv => episode; title=Doctor Who; year=2005; season=10; episode=1
            Planet Earth II (2016) - S01E01 - Islands (1080p BluRay x265).mkv => episode; title=Planet Earth II; year=2016; season=1; episode=1; episodeTitle=Islands; videoCodec=H.265
            Mr. Robot - S01E01 - eps1.0_hellofriend.mov.mkv => episode; title=Mr. Robot; season=1; episode=1
            The.Crown.S02E10.Mystery.Man.2160p.NF.WEBRip.x265.mkv => episode; title=The Crown; season=2; episode=10; screenSize=2160p; source=WEBRip
            Severance.S01E09.The.We.We.Are.1080p.ATVP.WEB-DL.DDP5.1.H.264.mkv => episode; title=Severance; season=1; episode=9; audioCodec=E-AC3
            Twin Peaks 2x22 Beyond Life and Death.avi => episode; title=Twin Peaks; season=2; episode=22
            Dark.S03E08.German.1080p.WEB.x264.mkv => episode; title=Dark; season=3; episode=8; language=de
            Babylon.Berlin.S01E01.GERMAN.DL.720p.mkv => episode; title=Babylon Berlin; language=de
            Lupin.S01E01.MULTi.1080p.mkv => episode; title=Lupin; language=mul
            Money.Heist.S01E01.SPANISH.720p.mkv => episode; title=Money Heist; language=es
            Star Trek - The Next Generation - 3x15 - Yesterday's Enterprise.mkv => episode; title=Star Trek - The Next Generation; season=3; episode=15
            Law & Order SVU S12E03.mkv => episode; title=Law & Order SVU; season=12; episode=3
            Grey's Anatomy S18E01 720p.mkv => episode; title=Grey's Anatomy; season=18
            Marvel's Daredevil S01E01.mkv => episode; title=Marvel's Daredevil; season=1; episode=1
            9-1-1.S05E03.720p.HDTV.mkv => episode; title=9-1-1; season=5; episode=3
            24.S08E01.720p.mkv => episode; title=24; season=8; episode=1
            1923.S01E01.1080p.mkv => episode; title=1923; season=1; episode=1
            The.100.S07E16.mkv => episode; title=The 100; season=7; episode=16
            Stranger Things S4E1.mkv => episode; title=Stranger Things; season=4; episode=1
            Stranger.Things.S04E01.Chapter.One.The.Hellfire.Club.mkv => episode; episodeTitle=Chapter One The Hellfire Club
            House.M.D.S05E04.720p.mkv => episode; title=House M.D; season=5; episode=4
            The Office US s02e01 The Dundies.mkv => episode; title=The Office US; season=2; episode=1
            Survivor.S45E01.720p.mkv => episode; season=45
            Coronation Street S2023E150.mkv => episode; title=Coronation Street; season=2023; episode=150
            Top.Gear.22x01.720p.mkv => episode; title=Top Gear; season=22; episode=1
            Only Murders in the Building S02E01 [1080p].mkv => episode; title=Only Murders in the Building; screenSize=1080p
            Succession - S04E03 - Connor's Wedding [WEBDL-1080p].mkv => episode; title=Succession; episode=3; episodeTitle=Connor's Wedding
            Shōgun.S01E01.Anjin.1080p.mkv => episode; title=Shōgun; season=1; episode=1
            Ted Lasso S01E01 Pilot (720p).mkv => episode; title=Ted Lasso; episodeTitle=Pilot
            The Wire S01E01 - The Target.avi => episode; title=The Wire; episodeTitle=The Target
            Better Call Saul s06e13 Saul Gone.mkv => episode; title=Better Call Saul; season=6; episode=13
            Sopranos.S06E21.DVDRip.XviD.avi => episode; title=Sopranos; source=DVDRip; videoCodec=XviD
            Doctor.Who.S13E00.Eve.of.the.Daleks.mkv => episode; title=Doctor Who; season=13; episode=0; episodeTitle=Eve of the Daleks
            Marvel's.Agents.of.S.H.I.E.L.D.S07E13.mkv => episode; title=Marvel's Agents of S.H.I.E.L.D; season=7; episode=13
            Blue.Planet.II.E01.mkv => episode; title=Blue Planet II; episode=1
            Neighbours Episode 8903.mkv => episode; title=Neighbours; episode=8903
            """;

    static final String MULTI_EPISODES = """
            Game.of.Thrones.S08E01E02.720p.mkv => episode; title=Game of Thrones; season=8; episode=1,2
            Friends.S01E01-E03.DVDRip.avi => episode; title=Friends; season=1; episode=1,2,3
            Friends - 1x16-1x17 - The One with Two Parts.avi => episode; title=Friends; season=1; episode=16,17
            Lost.S01E01-02.Pilot.720p.mkv => episode; title=Lost; season=1; episode=1,2
            Seinfeld.S09E23E24.The.Finale.mkv => episode; season=9; episode=23,24
            Twin.Peaks.S01E01.S01E02.mkv => episode; season=1; episode=1,2
            Dexter - 4x11x12.mkv => episode; title=Dexter; season=4; episode=11,12
            Frasier 3x01-03.avi => episode; season=3; episode=1,2,3
            The.Wire.S05E09-E10.mkv => episode; season=5; episode=9,10
            Heroes S02E01 E02.mkv => episode; season=2; episode=1,2
            Show.S01E01-E999999.mkv => episode; title=Show; season=1; episode=1
            Show.S01E01-E1500.mkv => episode; title=Show; season=1; episode=1,1500
            Show.S01E05-E03.mkv => episode; title=Show; season=1; episode=5
            """;

    static final String SEASONS = """
            Westworld.S02.1080p.BluRay.x264.mkv => episode; title=Westworld; season=2; episode=-
            The Mandalorian Season 2 Complete 1080p => episode; title=The Mandalorian; season=2; episode=-
            Mad.Men.Season.3.720p.BluRay => episode; title=Mad Men; season=3
            Fargo.S01-S04.1080p.BluRay => episode; title=Fargo; season=1; episode=-
            Engrenages.Saison.2.FRENCH.720p => episode; title=Engrenages; season=2
            Gomorra.Stagione.1.ITA.720p => episode; title=Gomorra; season=1
            La.Casa.de.Papel.Temporada.2.720p => episode; title=La Casa de Papel; season=2
            Die.Brucke.Staffel.1.GERMAN.720p => episode; title=Die Brucke; season=1
            Borgen S03 720p WEB DL => episode; title=Borgen; season=3
            Chernobyl.S01.Complete.2160p => episode; title=Chernobyl; season=1
            """;

    static final String DAILY = """
            The.Daily.Show.2014.01.15.Guest.Name.720p.HDTV.x264-GRP.mkv => episode; title=The Daily Show; date=2014-01-15; season=-; episode=-
            Jeopardy.2023.11.20.720p.HDTV.x264.mkv => episode; title=Jeopardy; date=2023-11-20
            Late Night Show 2019 03 07 Someone 720p.mkv => episode; title=Late Night Show; date=2019-03-07
            Evening.News.2020-06-01.mkv => episode; title=Evening News; date=2020-06-01
            Morning Show 20210412 720p.mkv => episode; title=Morning Show; date=2021-04-12
            News.At.Ten.15.03.2022.HDTV.mkv => episode; title=News At Ten; date=2022-03-15
            Talk.Show.03.25.2021.720p.mkv => episode; title=Talk Show; date=2021-03-25
            Quiz Night 14th Feb 2023.mkv => episode; title=Quiz Night; date=2023-02-14
            Quiz Night 2nd March 2023.mkv => episode; title=Quiz Night; date=2023-03-02
            Weather.Report.2022.31.12.mkv => episode; date=2022-12-31
            60.Minutes.2023.11.05.720p.mkv => episode; title=60 Minutes; date=2023-11-05
            Eastenders 24-11-2023.mkv => episode; title=Eastenders; date=2023-11-24
            """;

    static final String ANIME = """
            [HorribleSubs] One Piece - 1000 [1080p].mkv => episode; title=One Piece; episode=1000; season=-; group=HorribleSubs
            [SubsPlease] Jujutsu Kaisen - 24 (1080p) [ABCD1234].mkv => episode; title=Jujutsu Kaisen; episode=24; absolute=24
            Naruto Shippuden - 500 [720p].mkv => episode; title=Naruto Shippuden; episode=500
            [Erai-raws] Spy x Family - 12 [1080p][Multiple Subtitle].mkv => episode; title=Spy x Family; episode=12
            [Judas] Vinland Saga - S02E05 [1080p][HEVC x265 10bit].mkv => episode; title=Vinland Saga; season=2; episode=5
            [Group] Frieren - 03v2 [1080p].mkv => episode; title=Frieren; episode=3
            [Group]_Cowboy_Bebop_-_05_[DVD][A1B2C3D4].mkv => episode; title=Cowboy Bebop; episode=5
            [Group] Mob Psycho 100 - 07 [720p].mkv => episode; title=Mob Psycho 100; episode=7
            [Group] Mob Psycho 100 S2 - 07 [720p].mkv => episode; title=Mob Psycho 100 S2; episode=7; season=-
            [Group] Steins;Gate 0 - 12 [1080p].mkv => episode; title=Steins;Gate 0; episode=12
            [Group] Bleach - 001-012 [Batch].mkv => episode; title=Bleach; episode=1,2,3,4,5,6,7,8,9,10,11,12
            [Group] Haikyuu!! - 01~05 [720p] => episode; title=Haikyuu!!; episode=1,2,3,4,5
            [Group] Monster (01-10) [DVD] => episode; title=Monster; episode=1,2,3,4,5,6,7,8,9,10
            [Group] Made in Abyss - 05.5 [1080p].mkv => episode; title=Made in Abyss; episode=-
            [Group] Some Show - OVA [BD 1080p].mkv => episode; title=Some Show; extra=ova
            [Group] Another Show - NCOP [BD 1080p].mkv => episode; title=Another Show; extra=ncop
            [Group] 進撃の巨人 / Shingeki no Kyojin - 25 [720p].mkv => episode; title=Shingeki no Kyojin; episode=25
            [Group][進撃の巨人][Shingeki no Kyojin][25][720p][CHS].mp4 => episode; title=Shingeki no Kyojin; episode=25
            【Group】[鬼滅の刃][15][1080p].mp4 => episode; title=鬼滅の刃; episode=15
            [Group] Gintama - 201 (1280x720 x264 AAC).mkv => episode; title=Gintama; episode=201; screenSize=720p
            Detective Conan - 1080 [1080p].mkv => episode; title=Detective Conan; episode=1080
            [Group] Show Title Episode 7 [720p] => episode; title=Show Title; episode=7
            [Group] Show Title #8 [720p] => episode; title=Show Title; episode=8
            [Group] Show Title 第3話 [720p] => episode; title=Show Title; episode=3
            [Group] Kimetsu no Yaiba (Season 3) [1080p][HEVC x265 10bit] (Batch) => episode; title=Kimetsu no Yaiba; season=3; episode=-
            """;

    static final String COMPACT_AND_BARE = """
            Show.Name.102.HDTV.XviD-GRP.avi => episode; title=Show Name; season=1; episode=2
            Show.Name.1112.HDTV.XviD-GRP.avi => episode; title=Show Name; season=11; episode=12
            Show.Name.301.302.HDTV.avi => episode; title=Show Name; season=3; episode=1,2
            Show.Name.E12.720p.mkv => episode; title=Show Name; episode=12; season=-
            Show Name Episode 4.mkv => episode; title=Show Name; episode=4
            Mini.Series.Part.2.720p.HDTV.x264.mkv => episode; title=Mini Series; season=1; episode=2
            Documentary.Series.3of6.720p.HDTV.mkv => episode; title=Documentary Series; season=1; episode=3
            """;

    static final String MOVIES = """
            Inception.2010.1080p.BluRay.x264-SPARKS.mkv => movie; title=Inception; year=2010; screenSize=1080p; source=BluRay; group=SPARKS
            The Matrix (1999).mkv => movie; title=The Matrix; year=1999
            Avengers.Endgame.2019.2160p.UHD.BluRay.x265.10bit.HDR.TrueHD.7.1.Atmos-TERMINAL.mkv => movie; title=Avengers Endgame; year=2019; screenSize=2160p; source=BluRay; audioCodec=TrueHD
            Blade.Runner.2049.2017.1080p.WEB-DL.mkv => movie; title=Blade Runner 2049; year=2017
            2001.A.Space.Odyssey.1968.1080p.BluRay.mkv => movie; title=2001 A Space Odyssey; year=1968
            1917.2019.1080p.BluRay.mkv => movie; title=1917; year=2019
            Apollo 13 (1995).mkv => movie; title=Apollo 13; year=1995; episode=-
            Ocean's Eleven 2001 720p.mkv => movie; title=Ocean's Eleven; year=2001
            12.Angry.Men.1957.1080p.BluRay.mkv => movie; title=12 Angry Men; year=1957
            300.2006.1080p.BluRay.mkv => movie; title=300; year=2006
            Se7en.1995.1080p.BluRay.mkv => movie; title=Se7en; year=1995
            Parasite.2019.KOREAN.1080p.BluRay.x264.mkv => movie; title=Parasite; year=2019; language=ko
            Amelie.2001.MULTi.1080p.BluRay.x264.mkv => movie; title=Amelie; year=2001; language=mul
            Le.Fabuleux.Destin.d.Amelie.Poulain.2001.FRENCH.1080p.BluRay.mkv => movie; title=Le Fabuleux Destin d Amelie Poulain; language=fr
            The.Italian.Job.2003.720p.mkv => movie; title=The Italian Job; year=2003
            The.English.Patient.1996.1080p.mkv => movie; title=The English Patient; year=1996
            Das.Boot.1981.German.1080p.BluRay.mkv => movie; title=Das Boot; year=1981; language=de
            Run.Lola.Run.GERMAN.1998.720p.mkv => movie; title=Run Lola Run; year=1998; language=de
            Alien.1979.Directors.Cut.1080p.BluRay.x264.mkv => movie; title=Alien; year=1979; edition=Director's Cut
            The.Lord.of.the.Rings.The.Fellowship.of.the.Ring.2001.EXTENDED.1080p.BluRay.x264.mkv => movie; title=The Lord of the Rings The Fellowship of the Ring; edition=Extended
            Mission.Impossible.Fallout.2018.IMAX.2160p.mkv => movie; title=Mission Impossible Fallout; edition=IMAX; screenSize=2160p
            Apocalypse.Now.1979.Final.Cut.1080p.mkv => movie; title=Apocalypse Now; edition=Final Cut
            Blade.Runner.1982.Final.Cut.REMASTERED.1080p.mkv => movie; title=Blade Runner; year=1982; edition=Final Cut
            Donnie.Darko.2001.UNRATED.720p.mkv => movie; edition=Unrated
            Harry.Potter.and.the.Deathly.Hallows.Part.1.2010.720p.BluRay.x264.mkv => movie; title=Harry Potter and the Deathly Hallows Part 1; year=2010; part=1
            The.Godfather.Part.II.1974.1080p.BluRay.x264.mkv => movie; title=The Godfather Part II; year=1974
            Star.Wars.Episode.IV.A.New.Hope.1977.1080p.mkv => movie; title=Star Wars Episode IV A New Hope; year=1977
            Kill.Bill.Vol.1.2003.1080p.mkv => movie; title=Kill Bill Vol 1; year=2003
            Lawrence.of.Arabia.1962.CD1.DVDRip.avi => movie; title=Lawrence of Arabia; year=1962; part=1
            Lawrence of Arabia CD2.avi => movie; title=Lawrence of Arabia; part=2
            The.Movie.from.S.H.I.E.L.D.2015.720p.mkv => movie; title=The Movie from S.H.I.E.L.D; year=2015
            L.A.Confidential.1997.1080p.mkv => movie; title=L.A Confidential; year=1997
            Crouching.Tiger.Hidden.Dragon.AKA.Wo.Hu.Cang.Long.2000.mkv => movie; title=Crouching Tiger Hidden Dragon AKA Wo Hu Cang Long; year=2000
            Spirited Away a.k.a. Sen to Chihiro 2001 1080p.mkv => movie; title=Spirited Away AKA Sen to Chihiro; year=2001
            (2009) Avatar.mkv => movie; title=Avatar; year=2009
            Amélie (2001) [1080p].mkv => movie; title=Amélie; year=2001
            千と千尋の神隠し (2001).mkv => movie; title=千と千尋の神隠し; year=2001
            Левиафан.2014.1080p.mkv => movie; title=Левиафан; year=2014
            Léon: The Professional (1994).mkv => movie; title=Léon: The Professional; year=1994
            Once Upon a Time... in Hollywood (2019).mkv => movie; title=Once Upon a Time... in Hollywood; year=2019
            Dr. Strangelove (1964).avi => movie; title=Dr. Strangelove; year=1964
            Mad Max - Fury Road (2015).mkv => movie; title=Mad Max - Fury Road; year=2015
            Movie.Title.2018.HDRip.XviD.AC3-EVO.avi => movie; title=Movie Title; source=HDRip; videoCodec=XviD; audioCodec=AC3; group=EVO
            Movie.Title.2018.DVDSCR.x264.mkv => movie; source=DVDSCR
            Movie.Title.2018.CAM.x264.mkv => movie; source=CAM
            Movie.Title.2018.720p.AMZN.WEB-DL.DDP5.1.H.264-NTG.mkv => movie; source=WEB-DL; audioCodec=E-AC3; videoCodec=H.264; group=NTG
            Movie.Title.2018.1080p.BluRay.REMUX.AVC.DTS-HD.MA.5.1-GRP.mkv => movie; title=Movie Title; audioCodec=DTS-HD; videoCodec=H.264
            Movie.Title.2018.1080p.BluRay.x264-GRP[rarbg].mkv => movie; title=Movie Title; group=GRP
            holiday video.mp4 => movie; title=holiday video
            The.Terminator.1984.720p.BluRay.x264-GRP.mkv => movie; title=The Terminator; year=1984
            Blade.Runner.1982.The.Final.Cut.mkv => movie; title=Blade Runner; year=1982; edition=Final Cut
            The.Final.Cut.2004.mkv => movie; title=The Final Cut; year=2004; edition=-
            Metropolis.1927.Restored.mkv => movie; title=Metropolis; year=1927; edition=Restored
            The.Year.2000.Problem.720p.mkv => movie; title=The Year 2000 Problem; year=-
            1984.1984.mkv => movie; title=1984; year=1984
            Friday.the.13th.1980.mkv => movie; title=Friday the 13th; year=1980
            Jaws 2 1978.mkv => movie; title=Jaws 2; year=1978; episode=-
            Dune.Part.Two.2024.2160p.WEB-DL.DDP5.1.Atmos.mkv => movie; title=Dune Part Two; year=2024; part=2
            /movies/Alien (1979)/Alien (1979) {edition-Director's Cut}.mkv => movie; title=Alien; year=1979; edition=Director's Cut
            """;

    static final String EXTRAS_AND_SUBTITLES = """
            Movie.2010.Trailer.mkv => movie; title=Movie; year=2010; extra=trailer
            Movie (2010)-featurette.mkv => movie; title=Movie; extra=featurette
            Movie (2010)-behindthescenes.mkv => movie; extra=behindthescenes
            Movie (2010)-deleted.mkv => movie; extra=deleted
            Movie (2010)-interview.mkv => movie; extra=interview
            Movie.2010.1080p.BluRay.x264-GRP-sample.mkv => movie; extra=sample
            /movies/Inception (2010)/Trailers/Inception Trailer 2.mkv => movie; title=Inception; extra=trailer
            /movies/Inception (2010)/Featurettes/Dream Levels.mkv => movie; extra=featurette
            /movies/Inception (2010)/Behind The Scenes/Shooting.mkv => movie; extra=behindthescenes
            Movie.Title.2018.1080p.WEB-DL.H264-FGT.en.srt => movie; title=Movie Title; subtitle=en
            Movie.Title.2018.1080p.WEB-DL.H264-FGT.eng.srt => movie; subtitle=en
            Movie Title (2018).fr.ass => movie; title=Movie Title; subtitle=fr
            Show.S01E01.720p.HDTV.x264.de.srt => episode; title=Show; subtitle=de
            Amelie.2001.VOSTFR.720p.mkv => movie; subtitle=fr
            """;

    static final String FOLDERS = """
            /tv/Breaking Bad/Season 5/Breaking Bad - S05E14 - Ozymandias.mkv => episode; title=Breaking Bad; season=5; episode=14
            /tv/Breaking Bad/Season 5/05 - Gliding Over All.mkv => episode; title=Breaking Bad; season=5; episode=5; episodeTitle=Gliding Over All
            Show/Season 2/05 - Title.mkv => episode; title=Show; season=2; episode=5; episodeTitle=Title
            /tv/The Office (US)/Season 02/S02E01.mkv => episode; title=The Office (US); season=2; episode=1
            /tv/Firefly (2002)/Season 1/01 Serenity.mkv => episode; title=Firefly; year=2002; season=1; episode=1
            /tv/Firefly/Specials/S00E01 - Serenity Featurette.mkv => episode; season=0; episode=1
            /tv/Firefly/Season 1/3 Bushwhacked.mkv => episode; season=1; episode=3
            /tv/Some Show/S03/07.mkv => episode; title=Some Show; season=3; episode=7
            D:\\TV\\Show Name\\Season 04\\Show Name - 4x07.mkv => episode; title=Show Name; season=4; episode=7
            /tv/Show/Season 2/E05-E06 - Double.mkv => episode; title=Show; season=2; episode=5,6
            /downloads/Show.Name.S02E03.720p.HDTV.x264-GRP/abcdef0123456789.mkv => episode; title=Show Name; season=2; episode=3
            /downloads/Show.Name.S02E03.720p.HDTV.x264-GRP/sample.mkv => episode; title=Show Name
            /downloads/Movie.Name.2019.1080p.BluRay.x264-GRP/grp-moviename.mkv => movie; title=Movie Name; year=2019
            /downloads/Movie.Name.2019.1080p.BluRay.x264-GRP/9f8e7d6c5b4a.mkv => movie; title=Movie Name; year=2019
            /movies/The Matrix (1999)/movie.mkv => movie; title=The Matrix; year=1999
            /movies/The Matrix (1999)/The Matrix (1999).mkv => movie; title=The Matrix; year=1999
            /movies/Heat (1995)/CD1/heat1.avi => movie; title=Heat; year=1995
            C:\\Movies\\Heat.1995.1080p.BluRay.mkv => movie; title=Heat; year=1995
            /downloads/Show.S01E02.720p/Show.S01E02.720p.mkv => episode; title=Show; season=1; episode=2
            /downloads/Season.Pack.S01.1080p/Season.Pack.S01E04.1080p.mkv => episode; title=Season Pack; season=1; episode=4
            /tv/Show Title/Season 1/Show Title 1x02.mkv => episode; title=Show Title; season=1; episode=2
            /tv/Show/Season 3/Show.S03E01E02.mkv => episode; season=3; episode=1,2
            /tv/Anime/[Group] Show - 05 [720p].mkv => episode; title=Show; episode=5
            /media/backup/Movie.2010.720p.mkv => movie; title=Movie; year=2010
            """;

    static final String OTHER = """
            notes.txt => other; title=notes
            cover.jpg => other
            Movie.2010.1080p.nfo => movie; title=Movie; year=2010
            random words here => other
            """;

    static Stream<Expectation> cases() {
        return Stream.of(SINGLE_EPISODES, MULTI_EPISODES, SEASONS, DAILY, ANIME, COMPACT_AND_BARE, MOVIES,
                        EXTRAS_AND_SUBTITLES, FOLDERS, OTHER)
                .map(Expectation::all)
                .flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reads(Expectation expectation) {
        expectation.check();
    }
}
